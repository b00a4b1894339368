using DanVan.Core.Consolidate;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class HierarchyTests
{
    [Fact]
    public void Before_the_merger_districts_roll_up_with_their_communes_and_nothing_counts_twice()
    {
        var p = new TestProvince();
        var q2 = Q(2025, 2);
        p.Report("SO1", q2, N(("LD_VANBAN", 1))).Report("SO2", q2, N(("LD_VANBAN", 2)))
            .Report("H1", q2, N(("LD_VANBAN", 10))).Report("X11", q2, N(("LD_VANBAN", 100))).Report("X12", q2, N(("LD_VANBAN", 200)))
            .Report("H2", q2, N(("LD_VANBAN", 20))).Report("X21", q2, N(("LD_VANBAN", 1000)));

        var r = p.Consolidate(q2);

        Assert.Equal(1333m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(3m, r.Value("LEVEL:SO", "LD_VANBAN"));
        Assert.Equal(30m, r.Value("LEVEL:HUYEN", "LD_VANBAN"));
        Assert.Equal(1300m, r.Value("LEVEL:XA", "LD_VANBAN"));
        Assert.Equal(310m, r.Value("HUYEN:H1", "LD_VANBAN"));
        Assert.Equal(1020m, r.Value("HUYEN:H2", "LD_VANBAN"));
        Assert.Equal(["TINH", "LEVEL:SO", "LEVEL:HUYEN", "LEVEL:XA", "HUYEN:H1", "HUYEN:H2"], r.CompletenessByScope.Select(s => s.Scope));
        Assert.Equal(["SO1", "SO2", "H1", "X11", "X12", "H2", "X21", "X22"], r.Units.Select(u => u.Code));
        Assert.Equal(["H1", "H1", "H1"], r.Units.Where(u => u.DistrictCode == "H1").Select(u => u.DistrictCode));
        Assert.Equal(new Completeness(8, 7, 7, 0, 1, 0), r.Completeness);
        Assert.Equal(new Completeness(3, 2, 2, 0, 1, 0), r.CompletenessOf("HUYEN:H2"));
        Assert.Equal(new Completeness(4, 3, 3, 0, 1, 0), r.CompletenessOf("LEVEL:XA"));
    }

    [Fact]
    public void Missing_unit_has_no_figures_rather_than_zeros()
    {
        var p = new TestProvince();
        var q2 = Q(2025, 2);
        p.Report("SO1", q2, N(("LD_VANBAN", 1)));

        var r = p.Consolidate(q2);

        var missing = r.Units.Single(u => u.Code == "X22");
        Assert.Equal(UnitStatus.Missing, missing.Status);
        Assert.True(missing.HasNoFigures);
        Assert.All(missing.Values, v => Assert.Null(v));
        Assert.Null(r.Value("LEVEL:XA", "LD_VANBAN"));
        Assert.Null(r.Value("TINH", "LD_HOINGHI"));
    }

    [Fact]
    public void After_the_merger_communes_sit_directly_under_the_province_and_old_units_are_ignored()
    {
        var p = new TestProvince();
        var q3 = Q(2025, 3);
        p.Report("SO1", q3, N(("LD_VANBAN", 1))).Report("SO2", q3, N(("LD_VANBAN", 2)))
            .Report("XM1", q3, N(("LD_VANBAN", 5))).Report("XM2", q3, N(("LD_VANBAN", 7)))
            // An old commune and a district are no longer expected: ignored for figures and completeness.
            .Report("X11", q3, N(("LD_VANBAN", 900))).Report("H1", q3, N(("LD_VANBAN", 90)));

        var r = p.Consolidate(q3);

        Assert.Equal(15m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(12m, r.Value("LEVEL:XA", "LD_VANBAN"));
        Assert.Equal(["TINH", "LEVEL:SO", "LEVEL:XA"], r.CompletenessByScope.Select(s => s.Scope));
        Assert.DoesNotContain(r.Aggregates, a => a.Scope.StartsWith("HUYEN:", StringComparison.Ordinal) || a.Scope == "LEVEL:HUYEN");
        Assert.Equal(["SO1", "SO2", "XM1", "XM2"], r.Units.Select(u => u.Code));
        Assert.All(r.Units, u => Assert.Null(u.DistrictCode));
        Assert.Equal(new Completeness(4, 4, 4, 0, 0, 0), r.Completeness);
    }
}
