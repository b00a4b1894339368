using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Pipeline.Reliability;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Ingests one blob of the uploads container, exactly once in effect however often it is delivered (blob
/// trigger, queue message, Event Grid, reconciliation): archive by content hash → submission row (claimed by
/// this worker) → check → version switch → feedback workbook → audit → final state → the blob's receipt.
/// Every step can run again: a re-delivered blob with a receipt is a no-op, the same bytes through another blob
/// are answered "already received", a crashed worker's claim is taken over after
/// <see cref="IngestOptions.ClaimSeconds"/>, and each write is idempotent. A fault that is not the file's is
/// retried by the trigger and, after <see cref="IngestOptions.MaxAttempts"/>, recorded as a system error.
/// </summary>
public sealed class IngestService(
    DanVanStorage storage,
    SubmissionStore submissions,
    UploadReceiptStore receipts,
    ReportStore reports,
    ArchiveStore archive,
    FeedbackStore feedbackStore,
    ReopeningStore reopenings,
    AuditLog audit,
    PendingConsolidations pending,
    ReferenceData reference,
    IngestOptions options,
    IngestMemoryBudget memory,
    ICrashPoints crashPoints,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    /// <summary>Workers a file may stop (a process that died holding its claim) before it is rejected unread.</summary>
    public const int CrashesBeforeRejection = 2;

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>This process; a claim it holds for a submission it is no longer running is its own to resume.</summary>
    private readonly string _worker = Environment.MachineName + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public async Task<IngestOutcome> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var path = UploadPath.Parse(blobName);
        var partition = path.Period?.ToString() ?? SubmissionStore.Unidentified;
        var unit = path.UnitCode ?? "_unknown";
        var blob = storage.Container(StorageNames.Uploads).GetBlobClient(blobName);
        BlobProperties props;
        // The receipt does not depend on the blob's properties: both round trips at once.
        var receiptRead = receipts.GetAsync(partition, blobName, cancellationToken);
        try
        {
            props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await receiptRead.ContinueWith(static _ => { }, TaskScheduler.Default);
            logger.LogWarning("Upload {Blob} is no longer in the container; nothing to ingest", blobName);
            return new IngestOutcome(partition, "", SubmissionOutcome.Received, false, 0, "Tệp không còn trong kho tiếp nhận.", null);
        }
        catch
        {
            await receiptRead.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        // A re-delivery of a blob already answered: nothing to do, the same answer.
        var receipt = await receiptRead;
        if (receipt is not null && receipt.BlobETag == props.ETag.ToString())
        {
            var answered = await submissions.FindAsync(partition, receipt.SubmissionId, cancellationToken);
            if (answered is not null)
            {
                return Outcome(answered, receipt.Duplicate);
            }
        }

        // Memory, not a count, decides how many files are read at once.
        using var lease = await memory.AcquireAsync(props.ContentLength, cancellationToken);

        // The report arrived when it was uploaded, not when we got round to it.
        var receivedUtc = props.CreatedOn == default ? time.GetUtcNow() : props.CreatedOn.ToUniversalTime();
        var (content, hash, archiveName) = await ArchiveAsync(blob, path, props.ContentLength, cancellationToken);
        crashPoints.Reached(CrashStep.Archived);

        var now = time.GetUtcNow();
        var fresh = new SubmissionRow(partition, SubmissionStore.IdFor(unit, hash), unit, TextClip.Clip(path.FileName, TextClip.FileName), blobName, hash, receivedUtc)
        {
            ArchiveBlob = archiveName,
            Late = path.Period is { } p && reference.Calendar.Get(p).IsLate(receivedUtc),
            ClaimedBy = _worker,
            ClaimedUntilUtc = now.AddSeconds(options.ClaimSeconds),
            Attempts = 1,
        };
        var (row, created) = await submissions.AddOrGetAsync(fresh, cancellationToken);
        bool? reopened = null;
        if (created)
        {
            // The first worker on a new row: its "received" event and the reopening lookup, at once.
            var lookup = path.UnitCode is not null && path.Period is { } rp ? reopenings.IsReopenedAsync(rp, path.UnitCode, cancellationToken) : Task.FromResult(false);
            await Task.WhenAll(audit.AppendOnceAsync(partition, "received", unit, row.Id, blobName, receivedUtc, row.Id, cancellationToken), lookup);
            reopened = await lookup;
        }
        else if (row.UploadBlob != blobName)
        {
            // The same bytes from the same unit through another upload: answered as already received.
            await audit.AppendOnceAsync(partition, "duplicate", unit, row.Id, blobName, receivedUtc, row.Id + "_" + UploadReceiptStore.KeyFor(blobName)[..12], cancellationToken);
            await receipts.PutAsync(new UploadReceipt(blobName, partition, row.Id, true, props.ETag.ToString(), now), cancellationToken);
            logger.UploadRepeated(blobName, row.Id, row.State.Wire());
            return Outcome(row, duplicate: true);
        }
        else if (row.State != SubmissionOutcome.Received)
        {
            // This blob, finished earlier, but its receipt was not written (a crash just before it).
            await receipts.PutAsync(new UploadReceipt(blobName, partition, row.Id, false, props.ETag.ToString(), now), cancellationToken);
            return Outcome(row, duplicate: false);
        }
        else
        {
            var ownAbandoned = row.ClaimedBy == _worker && !_running.ContainsKey(row.Id);
            if (row.ClaimedUntilUtc > now && !ownAbandoned)
            {
                // Another worker is on it (or crashed less than a claim ago): it finishes, or its claim runs out
                // and reconciliation delivers the blob again.
                logger.UploadInProgress(blobName, row.ClaimedBy);
                return Outcome(row, duplicate: false);
            }
            // A claim of another worker that ran out: that worker died (its keeper renews a live claim), maybe on this file.
            var crashed = row.ClaimedBy is not null && row.ClaimedBy != _worker && row.ClaimedUntilUtc <= now;
            var claimed = await submissions.TryClaimAsync(row, _worker, now.AddSeconds(options.ClaimSeconds), crashed, cancellationToken);
            if (claimed is null)
            {
                return Outcome(row, duplicate: false);
            }
            logger.UploadTakenOver(blobName, row.ClaimedBy, claimed.Attempts);
            row = claimed;
        }
        crashPoints.Reached(CrashStep.Claimed);

        if (!_running.TryAdd(row.Id, 0))
        {
            return Outcome(row, duplicate: false);
        }
        var keeper = new ClaimKeeper(submissions, row, TimeSpan.FromSeconds(options.ClaimSeconds), time, cancellationToken);
        try
        {
            return await ProcessAsync(row, path, content, props.ContentLength, props.ETag, keeper, reopened, cancellationToken);
        }
        catch (OperationCanceledException) when (keeper.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another worker took the row over (this one was presumed dead): its answer is the answer.
            logger.UploadClaimLost(blobName);
            var current = await submissions.FindAsync(partition, row.Id, cancellationToken);
            return Outcome(current ?? row, duplicate: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && row.Attempts >= options.MaxAttempts)
        {
            row = await keeper.StopAsync();
            logger.UploadFailed(ex, blobName, row.Attempts);
            var failed = row with
            {
                State = SubmissionOutcome.SystemError,
                SummaryVi = "Lỗi hệ thống khi xử lý tệp (đã thử lại " + row.Attempts + " lần). Tệp đã được lưu trữ an toàn; Sở Nội vụ sẽ xử lý, bạn không cần gửi lại.",
                ClaimedBy = null,
                ClaimedUntilUtc = null,
            };
            await audit.AppendOnceAsync(partition, "system-error", unit, row.Id, ex.GetType().Name + ": " + ex.Message, row.ReceivedUtc, row.Id, cancellationToken);
            if (await submissions.TryUpdateClaimedAsync(failed, cancellationToken))
            {
                await receipts.PutAsync(new UploadReceipt(blobName, partition, row.Id, false, props.ETag.ToString(), time.GetUtcNow()), cancellationToken);
            }
            return Outcome(failed, duplicate: false);
        }
        finally
        {
            await keeper.DisposeAsync();
            _running.TryRemove(row.Id, out _);
        }
    }

    private async Task<IngestOutcome> ProcessAsync(SubmissionRow row, UploadPath path, BinaryData? content, long blobLength, ETag blobETag, ClaimKeeper keeper,
        bool? reopenedEarlier, CancellationToken callerToken)
    {
        // Every write below stops when the claim is lost.
        var cancellationToken = keeper.Lost;
        var reopened = reopenedEarlier
            ?? (path.UnitCode is not null && path.Period is { } pp && await reopenings.IsReopenedAsync(pp, path.UnitCode, cancellationToken));
        var context = new CheckContext(path.UnitCode, path.Period, time.GetUtcNow(), reference.Registry, reference.Calendar, reference.Catalogues, options.Limits)
        {
            IsReopenedFor = (u, p) => reopened && u == path.UnitCode && p == path.Period,
        };
        CheckResult result;
        if (row.Crashes >= CrashesBeforeRejection
            && (path.Period is not { } crashedPeriod || await reports.CurrentSubmissionAsync(crashedPeriod, row.UnitCode, cancellationToken) != row.Id))
        {
            // Two workers died on this file: answered as a hostile file, not parsed a third time.
            logger.LogWarning("Upload {Blob} stopped a worker {Crashes} times; rejected without reading it again", row.UploadBlob, row.Crashes);
            result = CheckResult.Rejected(null, [Messages.CrashedWorker()]);
        }
        else if (content is null)
        {
            result = CheckResult.Rejected(null, [Messages.TooLarge(blobLength, options.MaxFileBytes)]);
        }
        else if (path.UnitCode is null || path.Period is null)
        {
            result = CheckResult.Rejected(null, [new Problem(Severity.Error, ProblemCodes.UnknownUploader,
                "Không xác định được đơn vị gửi và kỳ báo cáo của tệp này. Vui lòng gửi báo cáo qua cổng thông tin hoặc lệnh danvan submit.")]);
        }
        else
        {
            using var stream = content.ToStream();
            result = ReportChecker.Check(stream, path.FileName, context);
            result = await WithHistoryAsync(result, path.Period.Value, path.UnitCode, cancellationToken);
        }

        // Everything that reads the file (check, feedback) is done before anything of it is stored: a file that
        // kills the worker here leaves no values behind, only a claim that runs out.
        var feedbackName = FeedbackStore.NameFor(row.Partition, row.UnitCode, row.Id);
        // Nothing to mark in an accepted report: FeedbackStore builds that workbook on the first request, the same one.
        if (!FeedbackStore.BuiltOnDemand(result))
        {
            using var feedback = new MemoryStream();
            // Built from a fresh template with the uploader's entries: nothing of the uploaded package travels back.
            FeedbackWorkbook.Write(path.FileName, result, context, feedback);
            feedback.Position = 0;
            await feedbackStore.PutAsync(feedbackName, feedback, cancellationToken);
        }
        crashPoints.Reached(CrashStep.FeedbackWritten);

        var version = 0;
        string? supersededId = null;
        if (result.Outcome.IsAccepted())
        {
            var identity = result.Identity!;
            var vswitch = await reports.AddVersionAsync(new NewReportVersion(
                path.Period!.Value, path.UnitCode!, row.Id, row.ContentHash, row.ReceivedUtc, row.Late, identity.CatalogueVersion, result.Values) { Resumed = row.Attempts > 1 }, cancellationToken);
            crashPoints.Reached(CrashStep.VersionSwitched);
            supersededId = vswitch.SupersededSubmissionId;
            version = vswitch.Version;
        }

        // Recorded before the final state, with keys that make a second write a no-op: a crash in between
        // leaves the row claimable, and the next attempt neither loses nor repeats an event. Independent
        // idempotent writes (the keys, not the write order, order the audit), so sent together.
        var afterSwitch = new List<Task>(3)
        {
            audit.AppendOnceAsync(row.Partition, result.Outcome.IsAccepted() ? "accepted" : "rejected", row.UnitCode, row.Id,
                $"version={version} errors={result.ErrorCount} warnings={result.WarningCount}", row.ReceivedUtc, row.Id, cancellationToken),
        };
        if (result.Outcome.IsAccepted())
        {
            // Late and corrected reports re-consolidate too (docs/reporting-rules.md §3): the pending timer picks this up.
            afterSwitch.Add(pending.MarkAsync(path.Period!.Value, cancellationToken));
        }
        if (supersededId is { } old)
        {
            afterSwitch.Add(audit.AppendOnceAsync(row.Partition, "superseded", row.UnitCode, old, "by " + row.Id, row.ReceivedUtc, old, cancellationToken));
        }
        await Task.WhenAll(afterSwitch);
        crashPoints.Reached(CrashStep.Audited);

        var summary = Summarise(result, version, row.Late);
        var final = await keeper.StopAsync() with
        {
            State = result.Outcome,
            Version = version,
            Errors = result.ErrorCount,
            Warnings = result.WarningCount,
            SummaryVi = summary,
            FeedbackBlob = feedbackName,
            TemplateVersion = result.Identity?.TemplateVersion,
            CatalogueVersion = result.Identity?.CatalogueVersion,
            ProblemsJson = ProblemsJson(result.Problems),
            ClaimedBy = null,
            ClaimedUntilUtc = null,
        };
        if (!await submissions.TryUpdateClaimedAsync(final, callerToken))
        {
            // Our claim ran out and another worker took the row over: its answer is the answer.
            logger.UploadClaimLost(row.UploadBlob);
            var current = await submissions.FindAsync(row.Partition, row.Id, callerToken);
            return Outcome(current ?? final, duplicate: false);
        }
        crashPoints.Reached(CrashStep.Completed);
        await receipts.PutAsync(new UploadReceipt(row.UploadBlob, row.Partition, row.Id, false, blobETag.ToString(), time.GetUtcNow()), callerToken);
        logger.UploadEnded(row.UploadBlob, result.Outcome.Wire(), result.ErrorCount, result.WarningCount, version);
        return new IngestOutcome(row.Partition, row.Id, result.Outcome, false, version, summary, feedbackName);
    }

    /// <summary>
    /// Plausibility against history: the unit's own current reports of the previous quarter and the same quarter
    /// last year (read together), compared by the pure <see cref="Plausibility.Check"/>; warnings only.
    /// </summary>
    private async Task<CheckResult> WithHistoryAsync(CheckResult result, PeriodKey period, string unitCode, CancellationToken cancellationToken)
    {
        if (!result.Outcome.IsAccepted() || reference.Catalogues.Find(result.Identity!.CatalogueVersion) is not { } catalogue)
        {
            return result;
        }
        Task<IReadOnlyDictionary<string, long?>?> Read(PeriodKey quarter) =>
            Plausibility.HistoryCode(reference.Registry, reference.Calendar, unitCode, period, quarter, reference.Plausibility) is { } code
                ? reports.CurrentNumbersAsync(quarter, code, cancellationToken)
                : Task.FromResult<IReadOnlyDictionary<string, long?>?>(null);
        var previous = Read(period.PreviousQuarter);
        var lastYear = Read(period.SamePeriodLastYear);
        await Task.WhenAll(previous, lastYear);
        return Plausibility.WithWarnings(result, Plausibility.Check(result.Values, await previous, await lastYear, reference.Plausibility, catalogue));
    }

    private static IngestOutcome Outcome(SubmissionRow row, bool duplicate) => new(
        row.Partition,
        row.Id,
        row.State,
        duplicate,
        row.Version,
        duplicate ? UploadAnswers.DuplicateMessage(row, isCurrent: null) : row.SummaryVi ?? "Đang xử lý.",
        row.FeedbackBlob);

    private static string Summarise(CheckResult result, int version, bool late)
    {
        var text = result.Outcome.Vi();
        text = char.ToUpperInvariant(text[0]) + text[1..];
        if (version > 1)
        {
            text += $" — bản điều chỉnh (lần gửi thứ {version})";
        }
        if (late && result.Outcome.IsAccepted())
        {
            text += " — nộp muộn";
        }
        if (result.ErrorCount > 0 || result.WarningCount > 0)
        {
            text += $". {result.ErrorCount} lỗi, {result.WarningCount} cảnh báo; xem tệp kết quả kiểm tra.";
        }
        else
        {
            text += ".";
        }
        return text;
    }

    private static string ProblemsJson(IReadOnlyList<Problem> problems)
    {
        // A table property holds 64 KiB: keep the first problems here, the feedback workbook has them all.
        var json = JsonSerializer.Serialize(problems.Take(200).Select(ProblemWire.From), ProblemJson);
        return json.Length > 30_000 ? JsonSerializer.Serialize(problems.Take(20).Select(ProblemWire.From), ProblemJson) : json;
    }

    /// <summary>Archives the upload before anything else; returns null content when it is over the size limit.</summary>
    private async Task<(BinaryData? Content, string Hash, string ArchiveName)> ArchiveAsync(
        Azure.Storage.Blobs.BlobClient blob, UploadPath path, long length, CancellationToken cancellationToken)
    {
        if (length > options.MaxFileBytes)
        {
            // Too large to hold in memory: hashed while streaming, then archived once per content and unit, within
            // the unit's quota (a unit cannot fill the archive by uploading large files again and again).
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var source = await blob.OpenReadAsync(cancellationToken: cancellationToken))
            await using (var hashing = new HashingStream(source, sha))
            {
                await hashing.CopyToAsync(Stream.Null, cancellationToken);
            }
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var unit = path.UnitCode ?? "_unknown";
            var oversizeName = await archive.PutOversizeAsync(unit, hash, length, options.OversizeQuotaMbPerUnit * 1024L * 1024,
                ct => blob.OpenReadAsync(cancellationToken: ct), path.FileName, cancellationToken);
            return (null, hash, oversizeName ?? string.Empty);
        }
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        var digest = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        var name = await archive.PutAsync(digest, content, path.FileName, cancellationToken);
        return (content, digest, name);
    }
}
