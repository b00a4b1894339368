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

    public static Variant Parse(string name) => name switch
    {
        "after-merger" => After,
        "before-merger" => Before,
        _ => throw new ArgumentException($"Unknown variant {name}; use after-merger or before-merger."),
    };

    public UnitRegistry Registry(int units) => this == Before ? SyntheticRegistry.BeforeMerger(units) : SyntheticRegistry.AfterMerger(units);
}
