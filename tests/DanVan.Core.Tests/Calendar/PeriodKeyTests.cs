using DanVan.Core.Calendar;

namespace DanVan.Core.Tests.Calendar;

public sealed class PeriodKeyTests
{
    [Theory]
    [InlineData("2025-Q3", "2025-Q3")]
    [InlineData("2025-q1", "2025-Q1")]
    [InlineData("2025-h1", "2025-H1")]
    [InlineData(" 2025-M9 ", "2025-M9")]
    [InlineData("2025-Y", "2025-Y")]
    public void Parses_and_prints_period_keys(string text, string expected) =>
        Assert.Equal(expected, PeriodKey.Parse(text).ToString());

    [Theory]
    [InlineData("2025-Q5")]
    [InlineData("2025-Q0")]
    [InlineData("2025")]
    [InlineData("25-Q1")]
    [InlineData("2025-H2")]
    [InlineData("2025-M6")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_malformed_keys(string? text)
    {
        Assert.False(PeriodKey.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => PeriodKey.Parse(text));
        }
    }

    [Theory]
    [InlineData("2025-Q1", false, "2025-Q1")]
    [InlineData("2025-Q4", false, "2025-Q4")]
    [InlineData("2025-H1", true, "2025-Q1,2025-Q2")]
    [InlineData("2025-M9", true, "2025-Q1,2025-Q2,2025-Q3")]
    [InlineData("2025-Y", true, "2025-Q1,2025-Q2,2025-Q3,2025-Q4")]
    public void Cumulative_periods_are_roll_ups_of_quarters_from_Q1(string key, bool cumulative, string quarters)
    {
        var k = PeriodKey.Parse(key);
        Assert.Equal(cumulative, k.IsCumulative);
        Assert.Equal(quarters, string.Join(',', k.Quarters));
    }

    [Theory]
    [InlineData("2025-Q1", "2024-Q4", "2024-Q1")]
    [InlineData("2025-Q3", "2025-Q2", "2024-Q3")]
    [InlineData("2025-H1", "2025-Q1", "2024-H1")]
    [InlineData("2025-M9", "2025-Q2", "2024-M9")]
    [InlineData("2025-Y", "2025-Q3", "2024-Y")]
    public void Comparisons_use_previous_quarter_and_same_period_last_year(string key, string previous, string lastYear)
    {
        var k = PeriodKey.Parse(key);
        Assert.Equal(previous, k.PreviousQuarter.ToString());
        Assert.Equal(lastYear, k.SamePeriodLastYear.ToString());
    }

    [Fact]
    public void Factories_reject_impossible_periods()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodKey.ForQuarter(2025, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodKey.Cumulative(2025, PeriodKind.Quarter));
    }

    [Fact]
    public void Keys_sort_by_year_then_last_quarter()
    {
        var keys = new[] { "2025-Y", "2025-Q4", "2025-H1", "2024-Y", "2025-Q1" }.Select(PeriodKey.Parse).Order().Select(k => k.ToString());
        Assert.Equal(["2024-Y", "2025-Q1", "2025-H1", "2025-Q4", "2025-Y"], keys);
    }
}
