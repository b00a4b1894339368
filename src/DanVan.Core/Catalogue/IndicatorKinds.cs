namespace DanVan.Core.Catalogue;

/// <summary>
/// The arithmetic each kind implies (docs/reporting-rules.md §4), in one place so templates, validation and
/// consolidation cannot disagree. Null means "not reported", which is never the same as 0.
/// </summary>
public static class IndicatorKinds
{
    /// <summary>Counts are entered per period and sum across quarters; snapshots are levels at a window end.</summary>
    public static bool SumsAcrossQuarters(IndicatorKind kind) => kind == IndicatorKind.Count;

    /// <summary>
    /// A cumulative period's value from its quarters' values (oldest first): counts sum the reported
    /// quarters, snapshots take the latest reported quarter. Null when no quarter reported.
    /// </summary>
    public static long? Cumulate(IndicatorKind kind, IReadOnlyList<long?> quarterValues) => kind switch
    {
        IndicatorKind.Count => quarterValues.Any(v => v is not null) ? quarterValues.Sum(v => v ?? 0) : null,
        IndicatorKind.Snapshot => quarterValues.LastOrDefault(v => v is not null),
        _ => throw new ArgumentException($"{kind} values are not entered per quarter; ratios are recomputed from their parts.", nameof(kind)),
    };

    /// <summary>
    /// A ratio in percent from summed parts; never an average of ratios. A zero or missing denominator
    /// gives null (shown as "—"), not 0% and not an error.
    /// </summary>
    public static decimal? RatioPercent(long? numerator, long? denominator) =>
        numerator is null || denominator is null or 0 ? null : 100m * numerator.Value / denominator.Value;
}
