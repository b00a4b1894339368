using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Every few seconds: consolidates quarters with newly accepted reports, so the latest workbook follows the uploads.</summary>
public sealed class ConsolidatePendingJob(ScheduledConsolidation scheduled)
{
    [FunctionName("ConsolidatePending")]
    public Task RunAsync([TimerTrigger("%DanVan:PendingSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunPendingAsync(cancellationToken);
}
