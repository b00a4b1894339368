using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Registry;

/// <summary>
/// Expected-unit counts hand-counted from ../shared/reference (wc -l minus the header; the 2025 list
/// has one extra row for Lý Sơn district without communes) and the department lists of its README.
/// </summary>
public sealed class RegistryCountTests
{
    private static readonly UnitRegistry Registry = UnitRegistry.Default;

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2016-07-24", 0, 0, 0)]      // before Directive 15/CT-UBND
    [InlineData("2016-07-25", 20, 14, 184)]  // 19 departments + BQL KKT Dung Quất; the 2016 list
    [InlineData("2016-09-14", 20, 14, 184)]
    [InlineData("2020-01-31", 20, 14, 184)]
    [InlineData("2020-02-01", 20, 0, 0)]     // the 2020–2024 list is a stated gap
    [InlineData("2024-12-14", 20, 0, 0)]
    [InlineData("2025-01-01", 20, 13, 170)]  // NQ 1279
    [InlineData("2025-02-28", 20, 13, 170)]
    [InlineData("2025-03-01", 14, 13, 170)]  // departments reorganised (assumed date)
    [InlineData("2025-06-14", 14, 13, 170)]
    [InlineData("2025-06-30", 14, 13, 170)]
    [InlineData("2025-07-01", 14, 0, 96)]    // merged province: no district level
    [InlineData("2025-09-14", 14, 0, 96)]
    [InlineData("2030-01-01", 14, 0, 96)]
    public void Units_reporting_at_a_date_by_level(string date, int so, int huyen, int xa)
    {
        var units = Registry.ReportingAt(D(date));
        Assert.Equal(so, units.Count(u => u.Level == UnitLevel.So));
        Assert.Equal(huyen, units.Count(u => u.Level == UnitLevel.Huyen));
        Assert.Equal(xa, units.Count(u => u.Level == UnitLevel.Xa));
        Assert.DoesNotContain(units, u => u.Level == UnitLevel.Tinh);
    }

    [Theory]
    [InlineData("2016-Q3", 218)]
    [InlineData("2019-Q4", 218)]
    [InlineData("2025-Q1", 197)]
    [InlineData("2025-Q2", 197)]
    [InlineData("2025-H1", 197)]
    [InlineData("2025-Q3", 110)]  // window 15/06–14/09/2025 straddles 01/07: units at the window end
    [InlineData("2025-M9", 110)]
    [InlineData("2025-Y", 110)]
    [InlineData("2026-Q1", 110)]
    public void Units_expected_for_a_period_are_those_valid_at_its_window_end(string key, int count)
    {
        var period = ReportingCalendar.Default.Get(PeriodKey.Parse(key));
        Assert.Equal(count, Registry.ExpectedFor(period).Count);
    }

    [Fact]
    public void A_window_straddling_1_July_2025_expects_the_merged_communes_only()
    {
        var q3 = ReportingCalendar.Default.Get(PeriodKey.Parse("2025-Q3"));
        Assert.Equal(197, Registry.ReportingAt(q3.WindowStart).Count);
        var expected = Registry.ExpectedFor(q3);
        Assert.DoesNotContain(expected, u => u.Level == UnitLevel.Huyen);
        Assert.All(expected, u => Assert.Equal("51", u.ParentCodeAt(q3.WindowEnd)));
        Assert.Contains(expected, u => u.Code == "21548" && u.Name == "Đặc khu Lý Sơn");
    }

    [Fact]
    public void The_merged_province_has_86_xa_9_phuong_and_one_dac_khu()
    {
        var xa = Registry.ReportingAt(D("2025-07-01")).Where(u => u.Level == UnitLevel.Xa).ToArray();
        Assert.Equal(86, xa.Count(u => u.Name.StartsWith("Xã ", StringComparison.Ordinal)));
        Assert.Equal(9, xa.Count(u => u.Name.StartsWith("Phường ", StringComparison.Ordinal)));
        Assert.Equal(1, xa.Count(u => u.Name.StartsWith("Đặc khu ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2020-02-01", true)]
    [InlineData("2022-06-14", true)]
    [InlineData("2024-12-31", true)]
    [InlineData("2020-01-31", false)]
    [InlineData("2025-01-01", false)]
    [InlineData("2025-09-14", false)]
    public void The_missing_2020_2024_list_is_a_stated_gap(string date, bool gap)
    {
        var g = Registry.GapAt(D(date));
        Assert.Equal(gap, g is not null);
        if (g is not null)
        {
            Assert.Equal([UnitLevel.Huyen, UnitLevel.Xa], g.Levels);
            Assert.Contains("173", g.NoteVi);
            Assert.Contains("173", g.NoteEn);
        }
    }

    [Fact]
    public void A_period_in_the_gap_says_its_expected_list_is_incomplete()
    {
        var period = ReportingCalendar.Default.Get(PeriodKey.Parse("2022-Q2"));
        Assert.NotNull(Registry.GapFor(period));
        Assert.All(Registry.ExpectedFor(period), u => Assert.Equal(UnitLevel.So, u.Level));
        Assert.Null(Registry.GapFor(ReportingCalendar.Default.Get(PeriodKey.Parse("2025-Q3"))));
    }

    [Fact]
    public void Departments_before_and_after_the_2025_reorganisation()
    {
        string[] Names(string date) => Registry.ReportingAt(D(date)).Where(u => u.Level == UnitLevel.So).Select(u => u.Name).ToArray();
        var before = Names("2025-02-28");
        var after = Names("2025-03-01");
        Assert.Contains("Sở Tài nguyên và Môi trường", before);
        Assert.Contains("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", before);
        Assert.DoesNotContain("Sở Tài nguyên và Môi trường", after);
        Assert.Contains("Sở Nông nghiệp và Môi trường", after);
        Assert.Contains("Sở Dân tộc và Tôn giáo", after);
        Assert.All(Registry.ReportingAt(D("2025-03-01")).Where(u => u.Level == UnitLevel.So), u => Assert.StartsWith("SO-", u.Code));
    }
}
