namespace DanVan.Core.Consolidate;

/// <summary>A province or level figure beside the previous quarter and the same period last year.</summary>
public sealed record ComparisonRow(
    string Scope,
    string IndicatorCode,
    decimal? Current,
    decimal? PreviousQuarter,
    decimal? SamePeriodLastYear)
{
    public decimal? ChangeFromPreviousQuarter => Current - PreviousQuarter;

    public decimal? ChangeFromSamePeriodLastYear => Current - SamePeriodLastYear;
}
