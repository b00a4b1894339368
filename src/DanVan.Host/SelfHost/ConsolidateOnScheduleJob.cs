using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Daily, at the regime's consolidation time: consolidates the periods whose deadline just passed. Self-host twin of the Functions app's ConsolidateOnSchedule.</summary>
public sealed class ConsolidateOnScheduleJob(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidateOnScheduleJob> logger)
{
    [FunctionName(FunctionNames.ConsolidateOnSchedule)]
    public async Task RunAsync([TimerTrigger(FunctionNames.ConsolidationTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(FunctionNames.ConsolidateOnSchedule, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunDueAsync(nowUtc, cancellationToken);
        logger.TimerDone(FunctionNames.ConsolidateOnSchedule, published);
    }
}
