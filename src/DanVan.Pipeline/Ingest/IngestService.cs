using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Ingests one blob of the uploads container: archive by content hash → identify → check → store values
/// and switch the current version → feedback workbook → submission state → audit. Every upload ends in one
/// visible state; a fault that is not the file's is retried by the trigger and, after
/// <see cref="IngestOptions.MaxAttempts"/>, recorded as a system error.
/// </summary>
public sealed class IngestService(
    DanVanStorage storage,
    SubmissionStore submissions,
    ReportStore reports,
    ArchiveStore archive,
    FeedbackStore feedbackStore,
    ReopeningStore reopenings,
    AuditLog audit,
    PendingConsolidations pending,
    ReferenceData reference,
    IngestOptions options,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IngestOutcome> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var path = UploadPath.Parse(blobName);
        var blob = storage.Container(StorageNames.Uploads).GetBlobClient(blobName);
        BlobProperties props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        // The report arrived when it was uploaded, not when we got round to it.
        var receivedUtc = props.CreatedOn == default ? time.GetUtcNow() : props.CreatedOn.ToUniversalTime();

        var (content, hash, archiveName) = await ArchiveAsync(blob, path, props.ContentLength, cancellationToken);
        var partition = path.Period?.ToString() ?? SubmissionStore.Unidentified;
        var unit = path.UnitCode ?? "_unknown";
        var row = new SubmissionRow(partition, SubmissionStore.IdFor(unit, hash), unit, path.FileName, blobName, hash, receivedUtc)
        {
            ArchiveBlob = archiveName,
            Late = path.Period is { } p && reference.Calendar.Get(p).IsLate(receivedUtc),
        };
        var (stored, created) = await submissions.AddOrGetAsync(row, cancellationToken);
        if (!created && stored.State is not (SubmissionOutcome.Received or SubmissionOutcome.SystemError))
        {
            logger.LogInformation("Upload {Blob} repeats submission {SubmissionId} ({State}); nothing changes", blobName, stored.Id, stored.State.Wire());
            await audit.AppendAsync(partition, "duplicate", unit, stored.Id, blobName, cancellationToken);
            return new IngestOutcome(partition, stored.Id, stored.State, true, stored.Version,
                "Tệp này đã được tiếp nhận trước đó: " + stored.State.Vi() + ".", stored.FeedbackBlob);
        }
        if (created)
        {
            await audit.AppendAsync(partition, "received", unit, row.Id, blobName, cancellationToken);
        }
        var attempt = stored with { Attempts = stored.Attempts + 1, State = SubmissionOutcome.Received };
        await submissions.UpdateAsync(attempt, cancellationToken);

        try
        {
            return await ProcessAsync(attempt, path, content, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && attempt.Attempts >= options.MaxAttempts)
        {
            logger.LogError(ex, "Upload {Blob} failed {Attempts} times; marked as system error", blobName, attempt.Attempts);
            var failed = attempt with
            {
                State = SubmissionOutcome.SystemError,
                SummaryVi = "Lỗi hệ thống khi xử lý tệp (đã thử lại " + attempt.Attempts + " lần). Tệp đã được lưu trữ an toàn; Sở Nội vụ sẽ xử lý, bạn không cần gửi lại.",
            };
            await submissions.UpdateAsync(failed, cancellationToken);
            await audit.AppendAsync(partition, "system-error", unit, row.Id, ex.GetType().Name + ": " + ex.Message, cancellationToken);
            return new IngestOutcome(partition, row.Id, SubmissionOutcome.SystemError, false, 0, failed.SummaryVi, null);
        }
    }

    private async Task<IngestOutcome> ProcessAsync(SubmissionRow row, UploadPath path, BinaryData? content, CancellationToken cancellationToken)
    {
        CheckResult result;
        if (content is null)
        {
            result = CheckResult.Rejected(null, [new Problem(Severity.Error, ProblemCodes.TooLarge,
                $"Tệp quá lớn (giới hạn {options.MaxFileBytes / (1024 * 1024)} MB). Vui lòng dùng biểu mẫu gốc và không chèn hình ảnh hay dữ liệu khác.")]);
        }
        else if (path.UnitCode is null || path.Period is null)
        {
            result = CheckResult.Rejected(null, [new Problem(Severity.Error, ProblemCodes.UnknownUploader,
                "Không xác định được đơn vị gửi và kỳ báo cáo của tệp này. Vui lòng gửi báo cáo qua cổng thông tin hoặc lệnh danvan submit.")]);
        }
        else
        {
            var reopened = await reopenings.IsReopenedAsync(path.Period.Value, path.UnitCode, cancellationToken);
            var context = new CheckContext(path.UnitCode, path.Period, time.GetUtcNow(), reference.Registry, reference.Calendar, reference.Catalogues, options.Limits)
            {
                IsReopenedFor = (u, p) => reopened && u == path.UnitCode && p == path.Period,
            };
            using var stream = content.ToStream();
            result = ReportChecker.Check(stream, path.FileName, context);
        }

        var version = 0;
        if (result.Outcome.IsAccepted())
        {
            var identity = result.Identity!;
            var vswitch = await reports.AddVersionAsync(new NewReportVersion(
                path.Period!.Value, path.UnitCode!, row.Id, row.ContentHash, row.ReceivedUtc, row.Late, identity.CatalogueVersion, result.Values), cancellationToken);
            version = vswitch.Version;
            if (vswitch.SupersededSubmissionId is { } old)
            {
                await audit.AppendAsync(row.Partition, "superseded", row.UnitCode, old, "by " + row.Id, cancellationToken);
            }
            // Late and corrected reports re-consolidate too (reporting-rules §3): the pending timer picks this up.
            await pending.MarkAsync(path.Period!.Value, cancellationToken);
        }

        var feedbackName = FeedbackStore.NameFor(row.Partition, row.UnitCode, row.Id);
        using (var feedback = new MemoryStream())
        {
            using var original = content?.ToStream() ?? new MemoryStream();
            FeedbackWorkbook.Write(original, path.FileName, result, feedback);
            feedback.Position = 0;
            await feedbackStore.PutAsync(feedbackName, feedback, cancellationToken);
        }

        var summary = Summarise(result, version, row.Late);
        var final = row with
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
        };
        await submissions.UpdateAsync(final, cancellationToken);
        await audit.AppendAsync(row.Partition, result.Outcome.IsAccepted() ? "accepted" : "rejected", row.UnitCode, row.Id,
            $"version={version} errors={result.ErrorCount} warnings={result.WarningCount}", cancellationToken);
        logger.LogInformation("Upload {Blob} ended {State} with {Errors} errors and {Warnings} warnings (version {Version})",
            row.UploadBlob, result.Outcome.Wire(), result.ErrorCount, result.WarningCount, version);
        return new IngestOutcome(row.Partition, row.Id, result.Outcome, false, version, summary, feedbackName);
    }

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
            // Too large to hold in memory: stream it through a hash into the archive.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var tempName = $"oversize/{Guid.NewGuid():N}";
            var target = storage.Container(StorageNames.Archive).GetBlobClient(tempName);
            await using (var source = await blob.OpenReadAsync(cancellationToken: cancellationToken))
            await using (var hashing = new HashingStream(source, sha))
            {
                await target.UploadAsync(hashing, overwrite: true, cancellationToken);
            }
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            await target.SetMetadataAsync(new Dictionary<string, string> { ["sha256"] = hash, ["originalname"] = Uri.EscapeDataString(path.FileName) }, cancellationToken: cancellationToken);
            return (null, hash, tempName);
        }
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        var digest = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        var name = await archive.PutAsync(digest, content, path.FileName, cancellationToken);
        return (content, digest, name);
    }
}
