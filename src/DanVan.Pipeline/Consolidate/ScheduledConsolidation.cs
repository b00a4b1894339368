using DanVan.Core.Calendar;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Consolidate;

/// <summary>
/// What the timers call. The daily run consolidates every period whose consolidation instant (the regime's
/// day after the deadline) fell in the last day; the nightly run re-consolidates open periods so late and
/// corrected reports appear. Publication skips unchanged content, so running often costs little.
/// </summary>
public sealed class ScheduledConsolidation(
    ConsolidationService consolidation,
    PendingConsolidations pending,
    ReferenceData reference,
    ILogger<ScheduledConsolidation> logger)
{
    public Task<IReadOnlyList<PublishOutcome>> RunDueAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        RunAsync(reference.Calendar.PeriodsDueForConsolidation(nowUtc.AddDays(-1), nowUtc), "due", cancellationToken);

    public Task<IReadOnlyList<PublishOutcome>> RunNightlyAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        RunAsync(reference.Calendar.OpenPeriods(nowUtc), "nightly", cancellationToken);

    /// <summary>
    /// Frequent: quarters with newly accepted reports, and the cumulative periods that contain them, so the latest
    /// workbook follows the reports within minutes (late and corrected ones included).
    /// </summary>
    public async Task<IReadOnlyList<PublishOutcome>> RunPendingAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<PublishOutcome>();
        foreach (var (quarter, etag) in await pending.ListAsync(cancellationToken))
        {
            outcomes.AddRange(await RunAsync(WithCumulative(quarter), "pending", cancellationToken));
            await pending.ClearAsync(quarter, etag, cancellationToken);
        }
        return outcomes;
    }

    /// <summary>A quarter and the cumulative periods of its year that include it (Q2 → Q2, H1, M9, Y).</summary>
    public static IReadOnlyList<PeriodKey> WithCumulative(PeriodKey quarter) =>
        new[] { PeriodKind.HalfYear, PeriodKind.NineMonths, PeriodKind.Year }
            .Select(k => PeriodKey.Cumulative(quarter.Year, k))
            .Where(p => p.Quarter >= quarter.Quarter)
            .Prepend(quarter)
            .ToArray();

    private async Task<IReadOnlyList<PublishOutcome>> RunAsync(IReadOnlyList<PeriodKey> periods, string reason, CancellationToken cancellationToken)
    {
        logger.ScheduledRun(reason, periods.Count, string.Join(", ", periods));
        var outcomes = new List<PublishOutcome>();
        foreach (var p in periods)
        {
            outcomes.Add(await consolidation.ConsolidateAsync(p, cancellationToken));
        }
        return outcomes;
    }
}
