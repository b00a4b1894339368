using DanVan.Core.Calendar;

namespace DanVan.Core.Consolidate;

/// <summary>One consolidated figure: a scope (PROVINCE, a level, a district, a unit) and an indicator.</summary>
public sealed record AggregateRow(
    string Scope,
    string ScopeNameVi,
    string IndicatorCode,
    long? Value,
    long? Numerator,
    long? Denominator);

/// <summary>Received of expected, never above 100%; late, missing, corrected after the deadline.</summary>
public sealed record Completeness(int Expected, int Received, int OnTime, int Late, int Missing, int CorrectedAfterDeadline);

/// <summary>What consolidation of a period produced; the summary workbook is built from it.</summary>
public sealed record ConsolidationResult(
    ReportingPeriod Period,
    Completeness Completeness,
    IReadOnlyList<AggregateRow> Aggregates,
    DateTimeOffset BuiltUtc,
    string CodeVersion)
{
    /// <summary>A hash of the content (not of the build time), so publication can skip unchanged content.</summary>
    public string Fingerprint { get; init; } = "";
}
