using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>Every few minutes: consolidates quarters with newly accepted reports (and their cumulative periods), so late and corrected reports reach the workbooks without waiting for the night.</summary>
public sealed class ConsolidatePending(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidatePending> logger)
{
    public const string Name = nameof(ConsolidatePending);

    /// <summary>App setting holding the CRON; default "0 */5 * * * *" = every 5 minutes.</summary>
    public const string ScheduleSetting = SettingNames.PendingSchedule;

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.LogInformation("Pending consolidation at {NowUtc} (past due: {IsPastDue})", nowUtc, timer.IsPastDue);
        var published = await consolidation.RunPendingAsync(cancellationToken);

        logger.LogInformation("Pending consolidation done: {Count} period(s)", published.Count);
    }
}
