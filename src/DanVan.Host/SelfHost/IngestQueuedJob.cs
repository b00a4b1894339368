using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Self-host twin of the Functions app's IngestQueued: the portal or `danvan submit` names a new upload.</summary>
public sealed class IngestQueuedJob(IngestService ingest)
{
    [FunctionName("IngestQueued")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.IngestQueue, Connection = SettingNames.StorageConnection)] string blobName,
        CancellationToken cancellationToken) =>
        ingest.IngestAsync(blobName, cancellationToken);
}
