using DanVan.Core.Calendar;

namespace DanVan.Core.Consolidate;

/// <summary>
/// What consolidation of a period produced; the summary workbook is built from it alone.
/// <see cref="Aggregates"/> are the flat rows the pipeline persists (province, levels, districts);
/// per-unit figures stay in <see cref="Units"/> because they are already in the Values table
/// (13,000 × 37 extra table rows would not fit the publication time budget).
/// </summary>
public sealed record ConsolidationResult(
    ReportingPeriod Period,
    Completeness Completeness,
    IReadOnlyList<AggregateRow> Aggregates,
    DateTimeOffset BuiltUtc,
    string CodeVersion)
{
    /// <summary>Every indicator (numeric and text) by code across the catalogue versions used, in layout order.</summary>
    public IReadOnlyList<IndicatorColumn> Indicators { get; init; } = [];

    /// <summary>
    /// The catalogue versions combined, oldest first, each with its quarters (a cumulative period may span a
    /// switch, e.g. 2027-H1: v1 for Q1, v2 for Q2); the workbook names them.
    /// </summary>
    public IReadOnlyList<CatalogueUse> CatalogueVersions { get; init; } = [];

    /// <summary>Completeness of the province (first), each level present, and each district with its communes.</summary>
    public IReadOnlyList<ScopeCompleteness> CompletenessByScope { get; init; } = [];

    /// <summary>Every expected unit in layout order: departments, each district followed by its communes, other communes.</summary>
    public IReadOnlyList<UnitRow> Units { get; init; } = [];

    /// <summary>The quarter compared as "quý trước"; null for cumulative periods (see docs/consolidation.md).</summary>
    public PeriodKey? PreviousQuarter { get; init; }

    /// <summary>The same period one year earlier ("cùng kỳ năm trước").</summary>
    public PeriodKey SamePeriodLastYear { get; init; }

    /// <summary>Province and level figures of this period beside the compared periods.</summary>
    public IReadOnlyList<ComparisonRow> Comparisons { get; init; } = [];

    /// <summary>Every non-empty narrative field of every expected unit, by unit, quarter and indicator.</summary>
    public IReadOnlyList<NarrativeRow> Narratives { get; init; } = [];

    /// <summary>The registry's stated gap for this period (e.g. the 2020–2024 commune list), shown on the workbook; null when none.</summary>
    public string? RegistryGapVi { get; init; }

    /// <summary>A SHA-256 of the content, <see cref="BuiltUtc"/> excluded, so publication can skip unchanged content.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The numeric indicators, in the order of <see cref="UnitRow.Values"/>.</summary>
    public IReadOnlyList<IndicatorColumn> NumericIndicators => Indicators.Where(i => i.IsNumeric).ToArray();
}
