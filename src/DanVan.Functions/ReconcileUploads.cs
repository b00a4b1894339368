using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>Every minute: any upload without an answer (a lost event, a worker that died) is ingested.</summary>
public sealed class ReconcileUploads(UploadReconciliation reconciliation, ILogger<ReconcileUploads> logger)
{
    public const string Name = nameof(ReconcileUploads);

    /// <summary>Azure's default: every minute.</summary>
    public const string DefaultSchedule = "0 */1 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("%" + SettingNames.ReconcileSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await reconciliation.RunAsync(cancellationToken);
        logger.LogInformation("Reconciliation saw {Seen} uploads, {Unanswered} without an answer", result.Seen, result.Unanswered);
    }
}
