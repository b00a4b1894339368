using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>Timeliness of one unit (by the period's last quarter for cumulative periods).</summary>
public enum UnitStatus
{
    OnTime,
    Late,
    Missing,
    /// <summary>
    /// Not expected at the window's end (e.g. a district or old commune of a cumulative period spanning
    /// 1 July 2025): its earlier quarters' figures count, it is outside completeness.
    /// </summary>
    Reorganised,
}

/// <summary>Where a unit's figures came from: one accepted report version.</summary>
public sealed record SourceRef(
    PeriodKey Quarter,
    int Version,
    string SubmissionId,
    string ContentHash,
    int CatalogueVersion,
    DateTimeOffset ReceivedUtc);

/// <summary>
/// One expected unit with its figures for the period. <see cref="Values"/> follow
/// <see cref="ConsolidationResult.NumericIndicators"/>; null = not reported (never a silent 0).
/// A unit version is identified by (<see cref="Code"/>, <see cref="ValidFrom"/>): codes were reused in 2025.
/// <see cref="QuartersMissing"/> lists quarters of the period in which the unit was expected but sent no report.
/// Ratios are percentages from the unit's own numerator and denominator.
/// </summary>
public sealed record UnitRow(
    string Code,
    DateOnly ValidFrom,
    string NameVi,
    UnitLevel Level,
    string? DistrictCode,
    UnitStatus Status,
    bool CorrectedAfterDeadline,
    DateTimeOffset? FirstAcceptedUtc,
    DateTimeOffset? LatestAcceptedUtc,
    int Versions,
    int Uploads,
    IReadOnlyList<PeriodKey> QuartersMissing,
    IReadOnlyList<decimal?> Values,
    IReadOnlyList<SourceRef> Sources)
{
    /// <summary>No report in any quarter of the period: shown "chưa nộp", never as zeros.</summary>
    public bool HasNoFigures => Sources.Count == 0;
}
