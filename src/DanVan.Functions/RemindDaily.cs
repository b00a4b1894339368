using DanVan.Pipeline;
using DanVan.Pipeline.Followup;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DanVan.Functions;

/// <summary>Daily: records, once per occasion, who must be reminded before and after a deadline (audited "reminder" events; nothing is sent).</summary>
public sealed class RemindDaily(ReminderService reminders, TimeProvider clock, ILogger<RemindDaily> logger)
{
    public const string Name = FunctionNames.RemindDaily;

    /// <summary>App setting holding the CRON; default "0 0 1 * * *" = 08:00 Vietnam time daily (UTC+7).</summary>
    public const string ScheduleSetting = SettingNames.ReminderSchedule;

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(FunctionNames.ReminderTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(Name, nowUtc, timer.IsPastDue);
        var due = await reminders.RunDueAsync(nowUtc, cancellationToken);
        logger.RemindersDue(Name, due.Count, string.Join(", ", due.Select(d => $"{d.Period} {d.Occasion} ({d.Units})")));
    }
}
