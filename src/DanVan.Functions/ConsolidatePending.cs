using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>Every few minutes: consolidates quarters with newly accepted reports (and their cumulative periods), so late and corrected reports reach the workbooks without waiting for the night.</summary>
public sealed class ConsolidatePending(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidatePending> logger)
{
    public const string Name = FunctionNames.ConsolidatePending;

    /// <summary>App setting holding the CRON; default "0 */5 * * * *" = every 5 minutes.</summary>
    public const string ScheduleSetting = SettingNames.PendingSchedule;

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(FunctionNames.PendingTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(Name, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunPendingAsync(cancellationToken);
        logger.TimerDone(Name, published);
    }
}
