using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Nightly: re-consolidates open periods so late and corrected reports reach the workbook. Self-host twin of the Functions app's ConsolidateNightly.</summary>
public sealed class ConsolidateNightlyJob(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidateNightlyJob> logger)
{
    [FunctionName(FunctionNames.ConsolidateNightly)]
    public async Task RunAsync([TimerTrigger(FunctionNames.NightlyTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(FunctionNames.ConsolidateNightly, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunNightlyAsync(nowUtc, cancellationToken);
        logger.TimerDone(FunctionNames.ConsolidateNightly, published);
    }
}
