using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>Nightly: re-consolidates open periods so late and corrected reports reach the workbooks.</summary>
public sealed class ConsolidateNightly(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidateNightly> logger)
{
    public const string Name = FunctionNames.ConsolidateNightly;

    /// <summary>App setting holding the CRON; default "0 30 19 * * *" = 02:30 Vietnam time daily (UTC+7).</summary>
    public const string ScheduleSetting = SettingNames.NightlySchedule;

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(FunctionNames.NightlyTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(Name, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunNightlyAsync(nowUtc, cancellationToken);
        logger.TimerDone(Name, published);
    }
}
