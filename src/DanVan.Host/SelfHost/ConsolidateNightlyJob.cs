using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Nightly: re-consolidates open periods so late and corrected reports reach the workbook.</summary>
public sealed class ConsolidateNightlyJob(ScheduledConsolidation scheduled, TimeProvider time)
{
    [FunctionName("ConsolidateNightly")]
    public Task RunAsync([TimerTrigger("%DanVan:NightlySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunNightlyAsync(time.GetUtcNow(), cancellationToken);
}
