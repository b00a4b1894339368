using DanVan.Core.Consolidate;
using DanVan.Core.Publish;

namespace DanVan.Core.Tests.Publish;

public sealed class VnTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1234, "1.234")]
    [InlineData(1234567, "1.234.567")]
    public void Integers_use_dot_grouping(long value, string expected) => Assert.Equal(expected, VnText.Integer(value));

    [Fact]
    public void Ratios_and_changes_use_a_decimal_comma()
    {
        Assert.Equal("12,5", VnText.Ratio(12.5m));
        Assert.Equal("100,0", VnText.Ratio(100m));
        Assert.Equal("—", VnText.Ratio(null));
        Assert.Equal("+1.234", VnText.Change(1234m, ratio: false));
        Assert.Equal("-9", VnText.Change(-9m, ratio: false));
        Assert.Equal("+2,5", VnText.Change(2.5m, ratio: true));
        Assert.Equal("0", VnText.Change(0m, ratio: false));
    }

    [Theory]
    [InlineData("2025-09-17T18:00:00Z", "Quảng Ngãi, ngày 18 tháng 9 năm 2025")]
    [InlineData("2026-02-04T20:00:00Z", "Quảng Ngãi, ngày 05 tháng 02 năm 2026")]
    [InlineData("2025-12-31T16:59:00Z", "Quảng Ngãi, ngày 31 tháng 12 năm 2025")]
    public void Place_and_date_line_follows_Decree_30_in_Vietnam_time(string utc, string expected) =>
        Assert.Equal(expected, VnText.PlaceAndDate(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Completeness_line_reads_like_the_brief()
    {
        Assert.Equal("Đã nhận 95/110 báo cáo, 5 nộp muộn, 15 chưa nộp", VnText.CompletenessLine(new Completeness(110, 95, 90, 5, 15, 0)));
        Assert.Equal("Đã nhận 12.343/13.000 báo cáo, 1.040 nộp muộn, 657 chưa nộp, 2 gửi bản điều chỉnh sau hạn",
            VnText.CompletenessLine(new Completeness(13000, 12343, 11303, 1040, 657, 2)));
    }
}
