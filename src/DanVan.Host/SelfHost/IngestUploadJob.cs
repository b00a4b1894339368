using Azure.Storage.Blobs;
using DanVan.Pipeline.Ingest;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Self-host twin of the Functions app's IngestUpload: a blob lands in uploads/, the pipeline ingests it.</summary>
public sealed class IngestUploadJob(IngestService ingest, ILogger<IngestUploadJob> logger)
{
    [FunctionName("IngestUpload")]
    public async Task RunAsync(
        [BlobTrigger("uploads/{name}", Connection = SelfHostSettings.StorageConnection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        logger.LogInformation("Blob {Name} arrived in {Container}", name, blob.BlobContainerName);
        await ingest.IngestAsync(name, cancellationToken);
    }
}
