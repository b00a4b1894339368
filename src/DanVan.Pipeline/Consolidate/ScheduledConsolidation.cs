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
        RunAsync(DuePeriods(nowUtc.AddDays(-1), nowUtc), "due", cancellationToken);

    public Task<IReadOnlyList<PublishOutcome>> RunNightlyAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        RunAsync(OpenPeriods(nowUtc), "nightly", cancellationToken);

    /// <summary>Periods (quarters and cumulative) whose consolidation instant is in (from, to].</summary>
    public IReadOnlyList<PeriodKey> DuePeriods(DateTimeOffset fromUtc, DateTimeOffset toUtc) =>
        CandidatePeriods(toUtc).Where(p =>
        {
            var at = reference.Calendar.Get(p).ConsolidationUtc;
            return at > fromUtc && at <= toUtc;
        }).ToArray();

    /// <summary>Periods past their deadline and not yet closed.</summary>
    public IReadOnlyList<PeriodKey> OpenPeriods(DateTimeOffset nowUtc) =>
        CandidatePeriods(nowUtc).Where(p =>
        {
            var rp = reference.Calendar.Get(p);
            return rp.DeadlineUtc < nowUtc && !rp.IsClosed(nowUtc);
        }).ToArray();

    private IEnumerable<PeriodKey> CandidatePeriods(DateTimeOffset nowUtc)
    {
        var year = reference.Calendar.VietnamDate(nowUtc).Year;
        return new[] { year - 1, year, year + 1 }.SelectMany(y => reference.Calendar.Year(y)).Select(p => p.Key);
    }

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
