using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Every few seconds: consolidates quarters with newly accepted reports, so the latest workbook follows the uploads. Self-host twin of the Functions app's ConsolidatePending.</summary>
public sealed class ConsolidatePendingJob(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidatePendingJob> logger)
{
    [FunctionName(FunctionNames.ConsolidatePending)]
    public async Task RunAsync([TimerTrigger(FunctionNames.PendingTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(FunctionNames.ConsolidatePending, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunPendingAsync(cancellationToken);
        logger.TimerDone(FunctionNames.ConsolidatePending, published);
    }
}
