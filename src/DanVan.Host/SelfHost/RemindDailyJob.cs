using DanVan.Pipeline;
using DanVan.Pipeline.Followup;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>Daily: records, once per occasion, who must be reminded before and after a deadline. Self-host twin of the Functions app's RemindDaily.</summary>
public sealed class RemindDailyJob(ReminderService reminders, TimeProvider clock, ILogger<RemindDailyJob> logger)
{
    [FunctionName(FunctionNames.RemindDaily)]
    public async Task RunAsync([TimerTrigger(FunctionNames.ReminderTimer)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        logger.TimerFired(FunctionNames.RemindDaily, nowUtc, timer.IsPastDue);
        var due = await reminders.RunDueAsync(nowUtc, cancellationToken);
        logger.RemindersDue(FunctionNames.RemindDaily, due.Count, string.Join(", ", due.Select(d => $"{d.Period} {d.Occasion} ({d.Units})")));
    }
}
