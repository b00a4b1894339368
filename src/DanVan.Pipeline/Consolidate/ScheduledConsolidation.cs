using DanVan.Core.Calendar;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Consolidate;

/// <summary>
/// What the timers call. The daily run consolidates every period whose consolidation instant (the regime's
/// day after the deadline) fell in the last day; the nightly run re-consolidates open periods so late and
/// corrected reports appear. Publication skips unchanged content, so running often costs little.
/// </summary>
public sealed class ScheduledConsolidation(ConsolidationService consolidation, ReferenceData reference, ILogger<ScheduledConsolidation> logger)
{
    public Task<IReadOnlyList<PublishOutcome>> RunDueAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        RunAsync(reference.Calendar.PeriodsDueForConsolidation(nowUtc.AddDays(-1), nowUtc), "due", cancellationToken);

    public Task<IReadOnlyList<PublishOutcome>> RunNightlyAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        RunAsync(reference.Calendar.OpenPeriods(nowUtc), "nightly", cancellationToken);

    private async Task<IReadOnlyList<PublishOutcome>> RunAsync(IReadOnlyList<PeriodKey> periods, string reason, CancellationToken cancellationToken)
    {
        logger.LogInformation("Scheduled consolidation ({Reason}) for {Count} periods: {Periods}", reason, periods.Count, string.Join(", ", periods));
        var outcomes = new List<PublishOutcome>();
        foreach (var p in periods)
        {
            outcomes.Add(await consolidation.ConsolidateAsync(p, cancellationToken));
        }
        return outcomes;
    }
}
