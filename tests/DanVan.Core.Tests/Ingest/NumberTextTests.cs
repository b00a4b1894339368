using DanVan.Core.Ingest;

namespace DanVan.Core.Tests.Ingest;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("15", 15)]
    [InlineData("1.234", 1234)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("1 234", 1234)]
    [InlineData("1\u00A0234", 1234)]
    [InlineData(" 15 cuộc ", 15)]
    [InlineData("15cuộc", 15)]
    [InlineData("1.200 lượt người", 1200)]
    [InlineData("12,0", 12)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("1000000000", 1000000000)]
    public void Reads_whole_numbers_as_typed(string text, long expected)
    {
        Assert.Equal(NumberStatus.Ok, NumberText.Parse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5", NumberStatus.NotWhole)]
    [InlineData("1.5", NumberStatus.NotWhole)]
    [InlineData("-3", NumberStatus.Negative)]
    [InlineData("\u22123", NumberStatus.Negative)]
    [InlineData("abc", NumberStatus.NotANumber)]
    [InlineData("khoảng 15", NumberStatus.NotANumber)]
    [InlineData("15-20", NumberStatus.NotANumber)]
    [InlineData("1.23.4", NumberStatus.NotANumber)]
    [InlineData("2.000.000.000", NumberStatus.TooLarge)]
    [InlineData("99999999999999999999999", NumberStatus.TooLarge)]
    public void Refuses_what_is_not_a_whole_number(string text, NumberStatus expected) =>
        Assert.Equal(expected, NumberText.Parse(text, out _));

    [Theory]
    [InlineData(3.0, NumberStatus.Ok)]
    [InlineData(2.9999999999999996, NumberStatus.Ok)]
    [InlineData(1.5, NumberStatus.NotWhole)]
    [InlineData(-1, NumberStatus.Negative)]
    [InlineData(1e10, NumberStatus.TooLarge)]
    [InlineData(double.NaN, NumberStatus.NotANumber)]
    public void Classifies_number_cells(double number, NumberStatus expected) =>
        Assert.Equal(expected, NumberText.FromDouble(number, out _));
}
