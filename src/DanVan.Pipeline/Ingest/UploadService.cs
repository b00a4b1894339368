using System.Globalization;
using System.Security.Cryptography;
using Azure;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Hands a file to the pipeline as one unit — what the portal and `danvan submit` do — and waits for the answer
/// to that upload. The unit is the one the caller authenticated, never read from the file. After the blob, a
/// queue message names it, so ingestion does not depend on a container scan noticing it (reconciliation is the
/// last resort for anything no message reached).
/// </summary>
public sealed class UploadService(DanVanStorage storage, SubmissionStore submissions, UploadReceiptStore receipts, ReportStore reports, TimeProvider time)
{
    /// <summary>How long a storage outage is ridden out before the caller is told storage is unavailable.</summary>
    public static TimeSpan OutageTolerance { get; set; } = TimeSpan.FromSeconds(45);

    public async Task<PendingUpload> UploadAsync(string unitCode, PeriodKey period, string fileName, BinaryData content, CancellationToken cancellationToken)
    {
        // A unique name per upload: the uploads container is never modified, only added to.
        var blobName = UploadPath.For(unitCode, period,
            time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6] + "-" + SafeName(fileName));
        await RideOutOutageAsync(async () =>
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            await storage.Container(StorageNames.Uploads).GetBlobClient(blobName).UploadAsync(content, overwrite: true, cancellationToken);
        }, cancellationToken);
        try
        {
            await storage.Queue(StorageNames.IngestQueue).SendMessageAsync(blobName, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException || IsStorageFault(ex))
        {
            // The file is stored; reconciliation ingests a blob no message announced.
        }
        var id = SubmissionStore.IdFor(unitCode, Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span)));
        return new PendingUpload(period, id, blobName);
    }

    /// <summary>
    /// Polls until this upload has its answer (its receipt, and a final state of the submission it is or repeats),
    /// or null after <paramref name="timeout"/>. Storage faults while waiting are ridden out; storage unreachable for
    /// the whole wait is <see cref="StorageUnavailableException"/>.
    /// </summary>
    public async Task<UploadAnswer?> WaitForAnswerAsync(PendingUpload upload, TimeSpan timeout, IProgress<TimeSpan>? progress, CancellationToken cancellationToken)
    {
        // Waiting is measured on the process's own clock: a business clock pinned by a test must not stop it.
        var started = System.Diagnostics.Stopwatch.StartNew();
        Exception? lastFault = null;
        var answeredOnce = false;
        while (started.Elapsed < timeout)
        {
            try
            {
                var answer = await TryAnswerAsync(upload, cancellationToken);
                answeredOnce = true;
                if (answer is not null)
                {
                    return answer;
                }
            }
            catch (Exception ex) when (IsStorageFault(ex))
            {
                lastFault = ex;
            }
            progress?.Report(started.Elapsed);
            await Task.Delay(TimeSpan.FromMilliseconds(400), cancellationToken);
        }
        if (!answeredOnce && lastFault is not null)
        {
            throw new StorageUnavailableException(lastFault);
        }
        return null;
    }

    /// <summary>The answer as it stands now, or null while the upload is still being processed.</summary>
    public async Task<UploadAnswer?> TryAnswerAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var partition = upload.Period.ToString();
        var receipt = await receipts.GetAsync(partition, upload.BlobName, cancellationToken);
        if (receipt is null)
        {
            return null;
        }
        var row = await submissions.FindAsync(partition, receipt.SubmissionId, cancellationToken);
        if (row is null || row.State == SubmissionOutcome.Received)
        {
            // A repeat of an upload still in progress: its answer completes this one's.
            return null;
        }
        var isCurrent = row.State.IsAccepted()
            && await reports.CurrentSubmissionAsync(upload.Period, row.UnitCode, cancellationToken) == row.Id;
        var message = receipt.Duplicate ? UploadAnswers.DuplicateMessage(row, isCurrent) : row.SummaryVi ?? row.State.Vi();
        return new UploadAnswer(SubmissionView.From(row with { IsCurrent = isCurrent }), receipt.Duplicate, isCurrent, message);
    }

    private async Task RideOutOutageAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception ex) when (IsStorageFault(ex))
            {
                if (started.Elapsed > OutageTolerance)
                {
                    throw new StorageUnavailableException(ex);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>Storage that does not answer (connection refused, timeouts, 5xx): not the caller's fault, worth waiting out.</summary>
    public static bool IsStorageFault(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or >= 500,
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException => true,
        AggregateException a => a.InnerExceptions.All(IsStorageFault),
        _ => ex.InnerException is { } inner && IsStorageFault(inner),
    };

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return string.IsNullOrEmpty(safe) ? "bao-cao.xlsx" : safe[..Math.Min(safe.Length, 100)];
    }
}

public sealed record PendingUpload(PeriodKey Period, string SubmissionId, string BlobName);

/// <summary>The storage account could not be reached for longer than the pipeline waits.</summary>
public sealed class StorageUnavailableException(Exception inner)
    : Exception("Storage did not answer: " + inner.Message, inner)
{
    public const string MessageVi = "Không kết nối được kho lưu trữ của hệ thống. Báo cáo có thể chưa được gửi; vui lòng thử lại sau ít phút hoặc báo cho bộ phận kỹ thuật.";
}
