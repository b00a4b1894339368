using Azure.Storage.Blobs;
using DanVan.Core.Ingest;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Self-host twin of the Functions app's IngestUpload: a blob lands in uploads/, the pipeline ingests it.</summary>
public sealed class IngestUploadJob(IngestService ingest, ILogger<IngestUploadJob> logger)
{
    [FunctionName(FunctionNames.IngestUpload)]
    public async Task RunAsync(
        [BlobTrigger(FunctionNames.UploadsPath, Connection = SettingNames.StorageConnection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        logger.UploadArrived(name);
        var outcome = await ingest.IngestAsync(name, cancellationToken);
        logger.UploadIngested(name, outcome.SubmissionId, outcome.State.Wire());
    }
}
