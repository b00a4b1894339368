using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Bench;

/// <summary>Which registry a consolidation runs over, and the quarter it consolidates.</summary>
public sealed record Variant(string Name, PeriodKey Period)
{
    /// <summary>Communes directly under the province (after 1 July 2025).</summary>
    public static readonly Variant After = new("after-merger", PeriodKey.ForQuarter(2025, 3));

    /// <summary>Communes under districts (before 1 July 2025).</summary>
    public static readonly Variant Before = new("before-merger", PeriodKey.ForQuarter(2025, 2));

    /// <summary>A full year after the merger (2027), its quarters and last year's seeded: the cumulative period.</summary>
    public static readonly Variant Year = new("year", PeriodKey.Cumulative(2027, PeriodKind.Year));

    /// <summary>The year's last quarter with its comparisons (previous quarter, same quarter last year), all seeded.</summary>
    public static readonly Variant YearQuarter = new("year-quarter", PeriodKey.ForQuarter(2027, 4));

    /// <summary>The eight quarters the year and its comparisons read: this year's four and last year's four.</summary>
    public static IReadOnlyList<PeriodKey> YearHistory { get; } =
        [.. Enumerable.Range(1, 4).Select(q => PeriodKey.ForQuarter(2026, q)), .. Enumerable.Range(1, 4).Select(q => PeriodKey.ForQuarter(2027, q))];

    public static Variant Parse(string name) => name switch
    {
        "after-merger" => After,
        "before-merger" => Before,
        "year" => Year,
        "year-quarter" => YearQuarter,
        _ => throw new ArgumentException($"Unknown variant {name}; use after-merger, before-merger, year or year-quarter."),
    };

    public UnitRegistry Registry(int units) => this == Before ? SyntheticRegistry.BeforeMerger(units) : SyntheticRegistry.AfterMerger(units);
}
