using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class IdempotenceTests
{
    private static TestProvince Sample()
    {
        var p = new TestProvince();
        var q3 = Q(2025, 3);
        p.Report("SO1", q3, N(("LD_VANBAN", 1), ("CC_HS_GIAIQUYET", 3), ("CC_HS_DUNGHAN", 2)), new Dictionary<string, string> { ["NX_KIENNGHI"] = "Đề nghị bổ sung biên chế." })
            .Report("XM1", q3, N(("LD_VANBAN", 2)), version: 2, received: AroundDeadline(q3, 4))
            .Report("SO1", Q(2025, 2), N(("LD_VANBAN", 9)));
        return p;
    }

    [Fact]
    public void Same_input_gives_the_same_result_and_fingerprint_whatever_the_build_time()
    {
        var input = Sample().Input(Q(2025, 3));
        var a = Consolidator.Consolidate(input);
        var b = Consolidator.Consolidate(input with { BuiltUtc = input.BuiltUtc.AddDays(3) });

        Assert.Matches("^[0-9a-f]{64}$", a.Fingerprint);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Aggregates, b.Aggregates);
        Assert.Equal(a.CompletenessByScope, b.CompletenessByScope);
    }

    [Fact]
    public void Input_order_does_not_matter()
    {
        var input = Sample().Input(Q(2025, 3));
        var shuffled = input with { Reports = input.Reports.Reverse().ToArray(), Submissions = input.Submissions.Reverse().ToArray() };

        Assert.Equal(Consolidator.Consolidate(input).Fingerprint, Consolidator.Consolidate(shuffled).Fingerprint);
    }

    [Fact]
    public void A_changed_figure_or_text_changes_the_fingerprint()
    {
        var baseline = Sample().Consolidate(Q(2025, 3)).Fingerprint;
        var changedFigure = Sample().Report("SO2", Q(2025, 3), N(("LD_VANBAN", 0))).Consolidate(Q(2025, 3)).Fingerprint;
        var changedText = Sample().Report("SO1", Q(2025, 3), N(("LD_VANBAN", 1), ("CC_HS_GIAIQUYET", 3), ("CC_HS_DUNGHAN", 2)), new Dictionary<string, string> { ["NX_KIENNGHI"] = "Khác." })
            .Consolidate(Q(2025, 3)).Fingerprint;

        Assert.NotEqual(baseline, changedFigure);
        Assert.NotEqual(baseline, changedText);
    }

    [Fact]
    public void Narratives_are_gathered_by_unit_and_quarter()
    {
        var r = Sample().Consolidate(Q(2025, 3));

        var n = Assert.Single(r.Narratives);
        Assert.Equal(("SO1", "Sở Nội vụ", "NX_KIENNGHI", "Đề nghị bổ sung biên chế."), (n.UnitCode, n.UnitNameVi, n.IndicatorCode, n.Text));
    }

    [Fact]
    public void Aggregates_across_catalogue_versions_by_code()
    {
        var sections = "section,title_vi\nI,Một\nII,Hai\n";
        var header = "code,section,order,name_vi,unit_vi,kind,numerator,denominator,rule\n";
        var v1 = CatalogueLoader.Parse(1, header + "A,I,1,Chỉ tiêu A,cuộc,count,,,\nOLD,I,2,Cũ,cuộc,count,,,\n", sections);
        var v2 = CatalogueLoader.Parse(2, header + "A,I,1,Chỉ tiêu A (mới),cuộc,count,,,\nNEW,II,1,Mới,cuộc,count,,,\n", sections);
        var p = new TestProvince();
        var q3 = Q(2025, 3);
        p.Report("SO1", q3, N(("A", 1), ("OLD", 5)));
        p.Report("SO2", q3, N(("A", 2), ("NEW", 7)));
        var input = p.Input(q3) with { Catalogues = new CatalogueSet([v1, v2]) };
        input = input with { Reports = input.Reports.Select(r => r.UnitCode == "SO2" ? r with { CatalogueVersion = 2 } : r).ToArray() };

        var r = Consolidator.Consolidate(input);

        Assert.Equal(["A", "NEW", "OLD"], r.Indicators.Select(i => i.Code));
        Assert.Equal("Chỉ tiêu A (mới)", r.Indicators[0].NameVi);
        Assert.Equal(3m, r.Value("TINH", "A"));
        Assert.Equal(5m, r.Value("TINH", "OLD"));
        Assert.Equal(7m, r.Value("TINH", "NEW"));
    }
}
