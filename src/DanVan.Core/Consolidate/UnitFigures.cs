using DanVan.Core.Catalogue;

namespace DanVan.Core.Consolidate;

/// <summary>Combines one unit's quarterly reports into the period's inputs (counts and snapshots).</summary>
internal static class UnitFigures
{
    /// <summary>
    /// <paramref name="quarterReports"/> are the period's quarters in order (null = no report that quarter).
    /// Counts sum over the quarters the unit reported them; snapshots take the latest quarter in which the unit
    /// reported a value (the latest known level). Null where the unit reported nothing for the indicator.
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
                    for (var q = quarterReports.Count - 1; q >= 0; q--)
                    {
                        if (quarterReports[q] is { } report && report.Numbers.TryGetValue(indicator.Code, out var v) && v is not null)
                        {
                            inputs[i] = v;
                            break;
                        }
                    }
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
