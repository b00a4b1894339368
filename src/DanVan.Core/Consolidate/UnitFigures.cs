using DanVan.Core.Catalogue;

namespace DanVan.Core.Consolidate;

/// <summary>Combines one unit's quarterly reports into the period's inputs (counts and snapshots).</summary>
internal static class UnitFigures
{
    /// <summary>
    /// <paramref name="quarterReports"/> are the period's quarters in order (null = no report that quarter).
    /// Counts sum over the quarters the unit reported them; snapshots are the last quarter's value only (reporting
    /// rules §4), so a cumulative period's snapshot always equals its last quarter's: a unit that sent nothing in
    /// the last quarter, or no longer existed then, adds nothing. Null where the unit reported nothing for the indicator.
    /// </summary>
    public static long?[] Combine(IReadOnlyList<UnitReport?> quarterReports, IndicatorLayout layout)
    {
        var inputs = new long?[layout.Numeric.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var indicator = layout.Numeric[i];
            switch (indicator.Kind)
            {
                case IndicatorKind.Count:
                    long? sum = null;
                    foreach (var report in quarterReports)
                    {
                        if (report is not null && report.Numbers.TryGetValue(indicator.Code, out var v) && v is { } value)
                        {
                            sum = (sum ?? 0) + value;
                        }
                    }
                    inputs[i] = sum;
                    break;
                case IndicatorKind.Snapshot:
                    // The last quarter's report is null for a unit not expected then (e.g. a district after 1 July 2025).
                    inputs[i] = quarterReports.Count > 0 && quarterReports[^1] is { } last && last.Numbers.TryGetValue(indicator.Code, out var level)
                        ? level
                        : null;
                    break;
            }
        }
        return inputs;
    }

    /// <summary>Adds a unit's inputs into a scope's running sums (null + null stays null: nobody reported it).</summary>
    public static void AddInto(long?[] sums, long?[] inputs)
    {
        for (var i = 0; i < sums.Length; i++)
        {
            if (inputs[i] is { } v)
            {
                sums[i] = (sums[i] ?? 0) + v;
            }
        }
    }
}
