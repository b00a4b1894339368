using DanVan.Core.Catalogue;

namespace DanVan.Core.Tests.Catalogue;

/// <summary>docs/reporting-rules.md §4 kind semantics: counts sum, snapshots take the latest quarter, ratios from summed parts.</summary>
public sealed class IndicatorKindTests
{
    [Theory]
    [InlineData(IndicatorKind.Count, new long[] { 3, 4, 5 }, 12L)]
    [InlineData(IndicatorKind.Snapshot, new long[] { 3, 4, 5 }, 5L)]
    [InlineData(IndicatorKind.Snapshot, new long[] { 7 }, 7L)]
    public void Cumulative_values_follow_the_kind(IndicatorKind kind, long[] quarters, long expected) =>
        Assert.Equal(expected, IndicatorKinds.Cumulate(kind, quarters.Select(q => (long?)q).ToArray()));

    [Fact]
    public void Not_reported_is_not_zero()
    {
        Assert.Null(IndicatorKinds.Cumulate(IndicatorKind.Count, [null, null]));
        Assert.Equal(0, IndicatorKinds.Cumulate(IndicatorKind.Count, [0, null]));
        Assert.Equal(4, IndicatorKinds.Cumulate(IndicatorKind.Snapshot, [4, null]));  // latest reported quarter
        Assert.Null(IndicatorKinds.Cumulate(IndicatorKind.Snapshot, [null]));
    }

    [Fact]
    public void Ratios_and_text_are_not_cumulated()
    {
        Assert.Throws<ArgumentException>(() => IndicatorKinds.Cumulate(IndicatorKind.Ratio, [1]));
        Assert.Throws<ArgumentException>(() => IndicatorKinds.Cumulate(IndicatorKind.Text, [1]));
        Assert.True(IndicatorKinds.SumsAcrossQuarters(IndicatorKind.Count));
        Assert.False(IndicatorKinds.SumsAcrossQuarters(IndicatorKind.Snapshot));
    }

    [Fact]
    public void A_ratio_is_computed_from_summed_parts_never_averaged()
    {
        // Two units: 1/1 (100%) and 1/3 (33%). Averaging would give 66.7%; the rule gives 2/4 = 50%.
        Assert.Equal(50m, IndicatorKinds.RatioPercent(1 + 1, 1 + 3));
    }

    [Theory]
    [InlineData(5L, 0L)]
    [InlineData(0L, 0L)]
    [InlineData(null, 4L)]
    [InlineData(4L, null)]
    public void A_zero_or_missing_denominator_gives_no_ratio(long? numerator, long? denominator) =>
        Assert.Null(IndicatorKinds.RatioPercent(numerator, denominator));
}
