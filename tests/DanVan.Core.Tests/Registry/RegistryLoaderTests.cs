using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Registry;

/// <summary>The registry format: parent spans, lineage, gaps and the inconsistencies refused at load time.</summary>
public sealed class RegistryLoaderTests
{
    private const string Header = "code,valid_from,valid_to,level,name,parents,note,source\n";
    private const string Province = "51,2016-01-01,,TINH,Tỉnh Quảng Ngãi,,,\n";
    private const string District = "522,2016-01-01,2025-06-30,HUYEN,Thành phố Quảng Ngãi,51,,\n";

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_unit_may_change_parent_over_date_ranges()
    {
        var registry = RegistryLoader.Parse(Header + Province + District +
            "21211,2016-01-01,,XA,Xã Tịnh Khê,522@2016-01-01..2025-06-30;51@2025-07-01..,,\n");
        var unit = registry.FindByCode("21211", D("2025-01-01"))!;
        Assert.Equal(2, unit.Parents.Count);
        Assert.Equal("522", unit.ParentCodeAt(D("2025-06-30")));
        Assert.Equal("51", unit.ParentCodeAt(D("2025-07-01")));
        Assert.Equal(["21211", "51"], registry.ParentChain("21211", D("2025-07-01")).Select(u => u.Code));
        Assert.Empty(registry.Gaps);
    }

    [Fact]
    public void Lineage_and_gaps_are_read()
    {
        var registry = RegistryLoader.Parse(
            Header + Province + District + "21211,2016-01-01,2025-06-30,XA,Xã Tịnh Khê,522,,\n21211,2025-07-01,,XA,Xã Tịnh Khê,51,,\n",
            "code,valid_from,kind,other_code,other_valid_from,other_name,other_province,note,source\n21211,2016-01-01,merged_into,21211,2025-07-01,,,n,s\n",
            "from,to,levels,note_vi,note_en,source\n2020-02-01,2024-12-31,HUYEN;XA,thiếu,missing,s\n");
        var link = Assert.Single(registry.FindVersion("21211", D("2016-01-01"))!.Lineage);
        Assert.Equal(LineageKind.MergedInto, link.Kind);
        Assert.NotNull(registry.GapAt(D("2022-01-01")));
    }

    [Theory]
    [InlineData("21211,2016-01-01,,XA,Xã A,522,,\n21211,2025-01-01,,XA,Xã B,522,,\n", "overlap")]
    [InlineData("21211,2016-01-01,,XA,Xã A,999,,\n", "parent 999")]
    [InlineData("21211,2016-01-01,,XA,Xã A,,,\n", "needs a parent")]
    [InlineData("21211,2016-01-01,,XA,Xã A,522,,\n", "does not exist on")]           // district ends 30/06/2025, commune open
    [InlineData("21211,2016-01-01,2020-01-01,XA,Xã A,21212,,\n21212,2016-01-01,2020-01-01,XA,Xã B,522,,\n", "not above")]
    [InlineData("21211,2016-01-01,2015-01-01,XA,Xã A,522,,\n", "before valid_from")]
    [InlineData("21211,2016-01-01,,XOM,Xã A,522,,\n", "Unknown unit level")]
    [InlineData("21211,2016-01-01,2020-01-01,XA,,522,,\n", "'name' is blank")]
    [InlineData("21211,01/01/2016,2020-01-01,XA,Xã A,522,,\n", "not a date")]
    [InlineData("21211,2016-01-01,2020-01-01,XA,Xã A,522@2015-01-01..2020-01-01,,\n", "outside")]
    [InlineData("52,2016-01-01,,TINH,Tỉnh khác,51,,\n", "no parent")]
    public void Inconsistent_units_are_refused(string rows, string message)
    {
        var ex = Assert.Throws<FormatException>(() => RegistryLoader.Parse(Header + Province + District + rows));
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("522,2016-01-01,merged_into,999,2025-07-01,,,,\n", "not in units.csv")]
    [InlineData("999,2016-01-01,merged_into,522,2016-01-01,,,,\n", "is not in units.csv")]
    [InlineData("522,2016-01-01,swallowed,522,2016-01-01,,,,\n", "unknown lineage kind")]
    public void Lineage_to_unknown_units_is_refused(string row, string message)
    {
        var ex = Assert.Throws<FormatException>(() => RegistryLoader.Parse(Header + Province + District,
            "code,valid_from,kind,other_code,other_valid_from,other_name,other_province,note,source\n" + row));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Lineage_outside_the_registry_needs_its_province()
    {
        var registry = RegistryLoader.Parse(Header + Province + District,
            "code,valid_from,kind,other_code,other_valid_from,other_name,other_province,note,source\n522,2016-01-01,code_reused_from,23293,2025-03-01,Phường Thắng Lợi,KT,,\n");
        Assert.True(Assert.Single(registry.FindByCode("522", D("2020-01-01"))!.Lineage).OutsideRegistry);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var ex = Assert.Throws<FormatException>(() => RegistryLoader.Parse("code,valid_from,level,name\n"));
        Assert.Contains("valid_to", ex.Message);
    }

    [Fact]
    public void The_seeded_registry_loads_and_names_are_NFC()
    {
        var registry = RegistryLoader.LoadFromSeeds();
        Assert.Equal(504, registry.All.Count);  // 1 + 26 department versions + 14 + 184 + 13 + 170 + 96
        Assert.All(registry.All, u => Assert.True(u.Name.IsNormalized(), u.Code));
        Assert.Single(registry.Gaps);
    }
}
