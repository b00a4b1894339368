using DanVan.Pipeline;
using DanVan.Pipeline.Consolidate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>After each deadline: consolidates the periods whose consolidation instant has passed.</summary>
public sealed class ConsolidateOnSchedule(ScheduledConsolidation consolidation, TimeProvider clock, ILogger<ConsolidateOnSchedule> logger)
{
    public const string Name = FunctionNames.ConsolidateOnSchedule;

    /// <summary>App setting holding the CRON; default "0 0 18 * * *" = 01:00 Vietnam time daily (UTC+7).</summary>
    public const string ScheduleSetting = SettingNames.ConsolidationSchedule;

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(FunctionNames.ConsolidationTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(Name, nowUtc, timer.IsPastDue);
        var published = await consolidation.RunDueAsync(nowUtc, cancellationToken);
        logger.TimerDone(Name, published);
    }
}
