using System.Security.Cryptography;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Hands a file to the pipeline as one unit — what the portal and `danvan submit` do — and waits for the blob
/// trigger's answer. The unit is the one the caller authenticated, never read from the file.
/// </summary>
public sealed class UploadService(DanVanStorage storage, SubmissionStore submissions, TimeProvider time)
{
    public async Task<PendingUpload> UploadAsync(string unitCode, PeriodKey period, string fileName, BinaryData content, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        // A unique name per upload: the uploads container is never modified, only added to.
        var blobName = UploadPath.For(unitCode, period, time.GetUtcNow().ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-" + SafeName(fileName));
        await storage.Container(StorageNames.Uploads).GetBlobClient(blobName).UploadAsync(content, cancellationToken);
        var id = SubmissionStore.IdFor(unitCode, Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span)));
        return new PendingUpload(period, id, blobName);
    }

    /// <summary>Polls until the upload reaches a final state, or null after <paramref name="timeout"/>.</summary>
    public async Task<SubmissionRow?> WaitForAnswerAsync(PendingUpload upload, TimeSpan timeout, IProgress<TimeSpan>? progress, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            var row = await submissions.FindAsync(upload.Period.ToString(), upload.SubmissionId, cancellationToken);
            if (row is not null && row.State != SubmissionOutcome.Received)
            {
                return row;
            }
            progress?.Report(DateTime.UtcNow - started);
            await Task.Delay(400, cancellationToken);
        }
        return null;
    }

    /// <summary>The same wait, answered as the view the portal shows (the table row stays in storage).</summary>
    public async Task<SubmissionView?> WaitForViewAsync(PendingUpload upload, TimeSpan timeout, CancellationToken cancellationToken) =>
        await WaitForAnswerAsync(upload, timeout, null, cancellationToken) is { } row ? SubmissionView.From(row) : null;

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return string.IsNullOrEmpty(safe) ? "bao-cao.xlsx" : safe[..Math.Min(safe.Length, 100)];
    }
}

public sealed record PendingUpload(PeriodKey Period, string SubmissionId, string BlobName);
