using DanVan.Core.Catalogue;

namespace DanVan.Core.Tests.Catalogue;

/// <summary>A later version adds, relabels and retires indicators; older versions stay readable.</summary>
public sealed class CatalogueVersionTests
{
    internal const string Sections = "section,title_vi\nI,Một\nII,Hai\n";

    internal const string Header = "code,section,order,name_vi,unit_vi,kind,numerator,denominator,rule\n";

    internal const string V1Rows = """
        A_TONG,I,1,Tổng số,việc,count,,,
        A_DUNGHAN,I,2,Trong đó đúng hạn,việc,count,,,<= A_TONG
        A_TYLE,I,3,Tỷ lệ đúng hạn,%,ratio,A_DUNGHAN,A_TONG,
        B_CU,II,1,Chỉ tiêu cũ,lần,count,,,
        B_BAN,II,2,Số ban,ban,snapshot,,,

        """;

    private static IndicatorCatalogue V1 => CatalogueLoader.Parse(1, Header + V1Rows, Sections);

    // Adds B_MOI, relabels A_TONG, retires B_CU (kept as a row with retired=yes).
    private static IndicatorCatalogue V2 => CatalogueLoader.Parse(2, """
        code,section,order,name_vi,unit_vi,kind,numerator,denominator,rule,retired
        A_TONG,I,1,Tổng số việc tiếp nhận,việc,count,,,,
        A_DUNGHAN,I,2,Trong đó đúng hạn,việc,count,,,<= A_TONG,
        A_TYLE,I,3,Tỷ lệ đúng hạn,%,ratio,A_DUNGHAN,A_TONG,,
        B_CU,II,1,Chỉ tiêu cũ,lần,count,,,,yes
        B_BAN,II,2,Số ban,ban,snapshot,,,,
        B_MOI,II,3,Chỉ tiêu mới,lần,count,,,>= B_BAN (warn),

        """, Sections);

    [Fact]
    public void A_later_version_adds_relabels_and_retires()
    {
        var set = CatalogueLoader.Combine([V2, V1]);
        Assert.Equal([1, 2], set.Versions.Select(v => v.Version));
        Assert.Equal(2, set.Latest.Version);

        var v1 = set.Get(1);
        var v2 = set.Get(2);
        Assert.Null(v1.Find("B_MOI"));
        Assert.Equal("Chỉ tiêu mới", v2["B_MOI"].NameVi);
        Assert.Equal("Tổng số", v1["A_TONG"].NameVi);
        Assert.Equal("Tổng số việc tiếp nhận", v2["A_TONG"].NameVi);
        Assert.NotNull(v1.Find("B_CU"));
        Assert.Null(v2.Find("B_CU"));
        Assert.True(v2.IsRetired("B_CU"));
        Assert.DoesNotContain(v2.Indicators, i => i.Code == "B_CU");
        Assert.Throws<KeyNotFoundException>(() => v2["B_CU"]);
    }

    [Fact]
    public void Codes_are_described_across_versions_by_their_newest_definition()
    {
        var set = CatalogueLoader.Combine([V1, V2]);
        Assert.Equal("Tổng số việc tiếp nhận", set.Describe("A_TONG")!.NameVi);
        Assert.Equal("Chỉ tiêu cũ", set.Describe("B_CU")!.NameVi);   // retired: its last active label
        Assert.Null(set.Describe("NOPE"));
        Assert.Equal(["A_TONG", "A_DUNGHAN", "A_TYLE", "B_CU", "B_BAN", "B_MOI"], set.AllCodes);
        Assert.Null(set.Find(3));
        Assert.Throws<KeyNotFoundException>(() => set.Get(3));
    }

    [Fact]
    public void A_code_never_changes_kind_across_versions()
    {
        var v2 = CatalogueLoader.Parse(2, Header + V1Rows.Replace("B_BAN,II,2,Số ban,ban,snapshot", "B_BAN,II,2,Số ban,ban,count"), Sections);
        var ex = Assert.Throws<FormatException>(() => CatalogueLoader.Combine([V1, v2]));
        Assert.Contains("B_BAN", ex.Message);
    }

    [Fact]
    public void A_retired_code_never_comes_back()
    {
        var v3 = CatalogueLoader.Parse(3, Header + V1Rows, Sections);
        var ex = Assert.Throws<FormatException>(() => CatalogueLoader.Combine([V1, V2, v3]));
        Assert.Contains("B_CU was retired in v2", ex.Message);
    }

    [Fact]
    public void Version_numbers_are_unique() =>
        Assert.Throws<FormatException>(() => CatalogueLoader.Combine([V1, V1]));

    [Fact]
    public void The_seeded_set_reads_every_version_from_seeds()
    {
        Assert.Contains(1, CatalogueSet.Default.Versions.Select(v => v.Version));
        Assert.Same(CatalogueSet.Default.Versions[^1], CatalogueSet.Default.Latest);
    }
}
