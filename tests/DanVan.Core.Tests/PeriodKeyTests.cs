using DanVan.Core.Calendar;

namespace DanVan.Core.Tests;

public sealed class PeriodKeyTests
{
    [Theory]
    [InlineData("2025-Q3", "2025-Q3")]
    [InlineData("2025-h1", "2025-H1")]
    [InlineData(" 2025-M9 ", "2025-M9")]
    [InlineData("2025-Y", "2025-Y")]
    public void Parses_and_prints_period_keys(string text, string expected) =>
        Assert.Equal(expected, PeriodKey.Parse(text).ToString());

    [Theory]
    [InlineData("2025-Q5")]
    [InlineData("2025")]
    [InlineData("25-Q1")]
    [InlineData("2025-H2")]
    public void Rejects_malformed_keys(string text) => Assert.False(PeriodKey.TryParse(text, out _));
}
