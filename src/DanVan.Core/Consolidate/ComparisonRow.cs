namespace DanVan.Core.Consolidate;

/// <summary>
/// A province or level figure beside the previous quarter and the same period last year. For a ratio the
/// <c>*Denominator</c> members hold each period's summed denominator, so 0 ("—": undefined) is told apart from
/// null (nobody reported its inputs: blank); they are null for counts and snapshots.
/// </summary>
public sealed record ComparisonRow(
    string Scope,
    string IndicatorCode,
    decimal? Current,
    decimal? PreviousQuarter,
    decimal? SamePeriodLastYear)
{
    public long? CurrentDenominator { get; init; }

    public long? PreviousQuarterDenominator { get; init; }

    public long? SamePeriodLastYearDenominator { get; init; }

    public decimal? ChangeFromPreviousQuarter => Current - PreviousQuarter;

    public decimal? ChangeFromSamePeriodLastYear => Current - SamePeriodLastYear;
}
