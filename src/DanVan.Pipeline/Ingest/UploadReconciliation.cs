using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// The last resort of "nothing is lost": finds every blob in <c>uploads/</c> without a receipt for its current
/// content (never delivered, delivered to a worker that died, or overwritten) and ingests it. Blobs younger than
/// <see cref="IngestOptions.ReconcileGraceSeconds"/> are left to the normal delivery; an upload whose claim is
/// still live is left to its worker by <see cref="IngestService"/> itself.
/// </summary>
public sealed class UploadReconciliation(DanVanStorage storage, UploadReceiptStore receipts, IngestService ingest, IngestOptions options, TimeProvider time, ILogger<UploadReconciliation> logger)
{
    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var known = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var missing = new List<string>();
        var seen = 0;
        await foreach (var item in storage.Container(StorageNames.Uploads).GetBlobsAsync(cancellationToken: cancellationToken))
        {
            seen++;
            if (item.Properties.CreatedOn is { } created && now - created < TimeSpan.FromSeconds(options.ReconcileGraceSeconds))
            {
                continue;
            }
            var partition = UploadPath.Parse(item.Name).Period?.ToString() ?? SubmissionStore.Unidentified;
            if (!known.TryGetValue(partition, out var etags))
            {
                etags = await receipts.ETagsAsync(partition, cancellationToken);
                known[partition] = etags;
            }
            if (!etags.TryGetValue(UploadReceiptStore.KeyFor(item.Name), out var etag) || etag != item.Properties.ETag?.ToString())
            {
                missing.Add(item.Name);
            }
        }

        var ingested = 0;
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            try
            {
                await ingest.IngestAsync(name, ct);
                Interlocked.Increment(ref ingested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next run tries again; the attempt count on the submission bounds how often.
                logger.LogWarning(ex, "Reconciliation could not ingest {Blob}", name);
            }
        });
        if (missing.Count > 0)
        {
            logger.Reconciled(missing.Count, seen, ingested);
        }
        return new ReconciliationResult(seen, missing.Count, ingested);
    }
}

public sealed record ReconciliationResult(int Seen, int Unanswered, int Delivered);
