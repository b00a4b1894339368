using DanVan.Pipeline.Ingest;
using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Self-host twin of the Functions app's ReconcileUploads: ingests any upload no delivery reached.</summary>
public sealed class ReconcileUploadsJob(UploadReconciliation reconciliation)
{
    [FunctionName("ReconcileUploads")]
    public Task RunAsync([TimerTrigger("%DanVan:ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.RunAsync(cancellationToken);
}
