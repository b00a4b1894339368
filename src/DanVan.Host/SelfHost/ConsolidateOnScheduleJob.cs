using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Daily, at the regime's consolidation time: consolidates the periods whose deadline just passed.</summary>
public sealed class ConsolidateOnScheduleJob(ScheduledConsolidation scheduled, TimeProvider time)
{
    [FunctionName("ConsolidateOnSchedule")]
    public Task RunAsync([TimerTrigger("%DanVan:ConsolidationSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunDueAsync(time.GetUtcNow(), cancellationToken);
}
