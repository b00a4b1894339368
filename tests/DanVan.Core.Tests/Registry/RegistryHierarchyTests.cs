using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Registry;

/// <summary>docs/reporting-rules.md §2: levels, parents over date ranges, codes reused across the merger, lineage.</summary>
public sealed class RegistryHierarchyTests
{
    private static readonly UnitRegistry Registry = UnitRegistry.Default;

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("21211", "2016-09-14", "21211,522,51")]
    [InlineData("21211", "2025-06-30", "21211,522,51")]
    [InlineData("21211", "2025-07-01", "21211,51")]
    [InlineData("21145", "2019-01-01", "21145,526,51")]   // Xã Trà Thanh under Tây Trà (2016 list)
    [InlineData("21145", "2025-03-01", "21145,525,51")]   // ... under Trà Bồng after NQ 867
    [InlineData("SO-NOIVU", "2025-07-01", "SO-NOIVU,51")]
    [InlineData("536", "2025-03-01", "536,51")]
    [InlineData("51", "2025-07-01", "51")]
    [InlineData("21211", "2022-01-01", "")]               // in the gap: unknown, not invented
    public void Parent_chain_at_a_date(string code, string date, string chain) =>
        Assert.Equal(chain, string.Join(',', Registry.ParentChain(code, D(date)).Select(u => u.Code)));

    [Theory]
    [InlineData("2016-09-14", UnitLevel.Huyen)]
    [InlineData("2025-06-30", UnitLevel.Huyen)]
    [InlineData("2025-07-01", UnitLevel.Tinh)]
    public void Communes_have_a_district_parent_until_30_June_2025_then_the_province(string date, UnitLevel parentLevel)
    {
        var at = D(date);
        var communes = Registry.ReportingAt(at).Where(u => u.Level == UnitLevel.Xa).ToArray();
        Assert.NotEmpty(communes);
        Assert.All(communes, u => Assert.Equal(parentLevel, Registry.FindByCode(u.ParentCodeAt(at)!, at)!.Level));
    }

    [Fact]
    public void Departments_and_districts_hang_under_the_province_which_does_not_report()
    {
        var province = Registry.FindByCode("51", D("2025-07-01"))!;
        Assert.Equal(UnitLevel.Tinh, province.Level);
        Assert.False(province.Reports);
        Assert.Null(province.ParentCodeAt(D("2025-07-01")));
        foreach (var date in new[] { "2016-09-14", "2025-03-14", "2025-09-14" })
        {
            Assert.All(
                Registry.ReportingAt(D(date)).Where(u => u.Level is UnitLevel.So or UnitLevel.Huyen),
                u => Assert.Equal("51", u.ParentCodeAt(D(date))));
        }
    }

    [Fact]
    public void Ly_Son_district_has_no_communes_in_2025_but_still_reports()
    {
        var lySon = Registry.FindByCode("536", D("2025-03-01"))!;
        Assert.Equal("Huyện Lý Sơn", lySon.Name);
        Assert.True(lySon.Reports);
        Assert.Empty(Registry.Children("536", D("2025-03-01")));
        Assert.Equal(3, Registry.Children("536", D("2019-01-01")).Count);
        Assert.Equal(23, Registry.Children("522", D("2019-01-01")).Count);
        Assert.Equal(22, Registry.Children("522", D("2025-03-01")).Count);
        Assert.Equal(110, Registry.Children("51", D("2025-07-01")).Count);
    }

    [Fact]
    public void A_reused_code_names_one_unit_per_date_and_its_versions_are_kept()
    {
        var versions = Registry.Versions("21211");
        Assert.Equal([D("2016-07-25"), D("2025-01-01"), D("2025-07-01")], versions.Select(v => v.ValidFrom));
        Assert.Equal(D("2025-06-30"), Registry.FindByCode("21211", D("2025-06-30"))!.ValidTo);
        Assert.Null(Registry.FindByCode("21211", D("2025-07-01"))!.ValidTo);
        Assert.Equal("Xã Nghĩa Dũng", Registry.FindByCode("21034", D("2025-06-30"))!.Name);
        Assert.Equal("Xã An Phú", Registry.FindByCode("21034", D("2025-07-01"))!.Name);
        Assert.Same(versions[2], Registry.FindVersion("21211", D("2025-07-01")));
    }

    [Fact]
    public void No_code_names_two_units_on_any_boundary_date()
    {
        var dates = Registry.All.SelectMany(u => new[] { u.ValidFrom, u.ValidTo ?? u.ValidFrom }).Distinct();
        foreach (var date in dates)
        {
            var valid = Registry.All.Where(u => u.IsValidAt(date)).ToArray();
            Assert.Equal(valid.Length, valid.Select(u => u.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void Code_lookups_ignore_case_and_spaces()
    {
        Assert.Equal("SO-NOIVU", Registry.FindByCode(" so-noivu ", D("2025-07-01"))!.Code);
        Assert.Null(Registry.FindByCode("SO-TNMT", D("2025-07-01")));
        Assert.Null(Registry.FindByCode("99999", D("2025-07-01")));
    }

    [Fact]
    public void Reused_commune_codes_carry_lineage_both_ways()
    {
        var old = Registry.FindVersion("21034", D("2025-01-01"))!;
        Assert.Contains(old.Lineage, l => l is { Kind: LineageKind.CodeReusedBy, OtherCode: "21034" } && l.OtherValidFrom == D("2025-07-01"));
        Assert.Contains(old.Lineage, l => l.Kind == LineageKind.MergedInto && l.OtherValidFrom == D("2025-07-01"));
        var merged = Registry.FindVersion("21034", D("2025-07-01"))!;
        var back = Assert.Single(merged.Lineage);
        Assert.Equal((LineageKind.CodeReusedFrom, "Xã Nghĩa Dũng", false), (back.Kind, back.OtherName, back.OutsideRegistry));
        // 55 of the 96 codes come from Quảng Ngãi units, 40 from Kon Tum; Lý Sơn's 21548 is new.
        var current = Registry.ReportingAt(D("2025-07-01")).Where(u => u.Level == UnitLevel.Xa).ToArray();
        Assert.Equal(55, current.Count(u => u.Lineage.Any(l => l.Kind == LineageKind.CodeReusedFrom && !l.OutsideRegistry)));
        Assert.Equal(40, current.Count(u => u.Lineage.Any(l => l.Kind == LineageKind.CodeReusedFrom && l.OtherProvince == "KT")));
    }

    [Fact]
    public void Kon_Tum_predecessors_are_lineage_only_and_never_expected_to_report()
    {
        var kt = Registry.FindByCode("23293", D("2025-07-01"))!;
        Assert.Equal("Phường Kon Tum", kt.Name);
        var link = Assert.Single(kt.Lineage);
        Assert.True(link.OutsideRegistry);
        Assert.Contains("Phường Thắng Lợi", link.OtherName);
        Assert.Null(Registry.FindByCode("23293", D("2025-06-30")));
        Assert.Empty(Registry.Versions("23281"));  // Kon Tum unit whose code was not reused
    }

    [Theory]
    [InlineData("SO-TNMT", "2016-07-25", LineageKind.MergedInto, "SO-NNMT")]
    [InlineData("SO-NNPTNT", "2016-07-25", LineageKind.MergedInto, "SO-NNMT")]
    [InlineData("SO-KHDT", "2016-07-25", LineageKind.MergedInto, "SO-TAICHINH")]
    [InlineData("SO-GTVT", "2016-07-25", LineageKind.MergedInto, "SO-XAYDUNG")]
    [InlineData("SO-TTTT", "2016-07-25", LineageKind.MergedInto, "SO-KHCN")]
    [InlineData("SO-LDTBXH", "2016-07-25", LineageKind.MergedInto, "SO-NOIVU")]
    [InlineData("SO-BANDANTOC", "2016-07-25", LineageKind.RenamedTo, "SO-DTTG")]
    [InlineData("526", "2016-07-25", LineageKind.MergedInto, "525")]
    [InlineData("536", "2025-01-01", LineageKind.MergedInto, "21548")]
    public void Known_reorganisations_are_lineage_links(string code, string from, LineageKind kind, string other)
    {
        var unit = Registry.FindVersion(code, D(from))!;
        var link = Assert.Single(unit.Lineage, l => l.Kind == kind);
        Assert.Equal(other, link.OtherCode);
        Assert.NotNull(Registry.FindVersion(link.OtherCode, link.OtherValidFrom));
    }

    [Fact]
    public void Assumptions_are_marked_in_the_data()
    {
        Assert.Contains("giả định", Registry.FindVersion("SO-NNMT", D("2025-03-01"))!.Note);
        Assert.Contains("giả định", Registry.FindVersion("SO-BQLKKT", D("2016-07-25"))!.Note);
        Assert.All(Registry.All, u => Assert.False(string.IsNullOrEmpty(u.Source)));
    }
}
