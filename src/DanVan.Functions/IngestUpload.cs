using Azure.Storage.Blobs;
using DanVan.Core.Ingest;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>A file landed in <c>uploads/</c>: hand its name to the ingest service.</summary>
public sealed class IngestUpload(IngestService ingest, ILogger<IngestUpload> logger)
{
    public const string Name = FunctionNames.IngestUpload;

    /// <remarks>
    /// Event Grid source: pushed on BlobCreated instead of polling the container (required on Flex
    /// Consumption, and no scan of a growing container). The BlobClient is an SDK-type binding, so
    /// nothing is downloaded here; IngestService reads the blob itself.
    /// </remarks>
    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(FunctionNames.UploadsPath, Source = BlobTriggerSource.EventGrid, Connection = FunctionsHostSetup.StorageConnectionName)]
        BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        logger.UploadArrived(name);
        var outcome = await ingest.IngestAsync(name, cancellationToken);
        logger.UploadIngested(name, outcome.SubmissionId, outcome.State.Wire());
    }
}
