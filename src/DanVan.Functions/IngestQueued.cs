using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>The portal names a new upload on the ingest queue: ingest it without waiting for any other delivery.</summary>
public sealed class IngestQueued(IngestService ingest, ILogger<IngestQueued> logger)
{
    public const string Name = nameof(IngestQueued);

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.IngestQueue, Connection = FunctionsHostSetup.StorageConnectionName)] string blobName,
        CancellationToken cancellationToken)
    {
        var outcome = await ingest.IngestAsync(blobName, cancellationToken);
        logger.LogInformation("Ingested queued upload {BlobName} as submission {SubmissionId} with state {State}", blobName, outcome.SubmissionId, outcome.State);
    }
}
