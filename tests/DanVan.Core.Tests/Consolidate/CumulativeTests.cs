using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class CumulativeTests
{
    private static readonly PeriodKey H1 = PeriodKey.Cumulative(2025, PeriodKind.HalfYear);

    private static ConsolidationResult HalfYear()
    {
        var p = new TestProvince();
        p.Report("SO1", Q(2025, 1), N(("DC_BAN_TTND", 5), ("LD_VANBAN", 3)))
            .Report("SO1", Q(2025, 2), N(("DC_BAN_TTND", 7), ("LD_VANBAN", 4)))
            // SO2 misses Q2: its Q1 level is not the half-year's (a snapshot is the last quarter's value).
            .Report("SO2", Q(2025, 1), N(("DC_BAN_TTND", 4), ("LD_VANBAN", 2)))
            // H1 leaves the snapshot blank in Q2: not reported, whatever Q1 said.
            .Report("H1", Q(2025, 1), N(("DC_BAN_TTND", 3)))
            .Report("H1", Q(2025, 2), N(("DC_BAN_TTND", null), ("LD_VANBAN", 1)));
        return p.Consolidate(H1);
    }

    [Fact]
    public void Snapshot_takes_the_last_quarter_not_the_sum()
    {
        var r = HalfYear();

        Assert.Equal(7m, r.UnitValue("SO1", "DC_BAN_TTND"));
        Assert.Equal(7m, r.Value("LEVEL:SO", "DC_BAN_TTND"));
        Assert.Equal(7m, r.Value("TINH", "DC_BAN_TTND"));
    }

    [Fact]
    public void A_unit_missing_the_last_quarter_contributes_nothing_to_the_snapshot()
    {
        var r = HalfYear();

        Assert.Null(r.UnitValue("SO2", "DC_BAN_TTND"));
        Assert.Null(r.UnitValue("H1", "DC_BAN_TTND"));
        Assert.Null(r.Value("LEVEL:HUYEN", "DC_BAN_TTND"));
        // Its counts still add up: only snapshots are the last quarter's.
        Assert.Equal(2m, r.UnitValue("SO2", "LD_VANBAN"));
    }

    [Fact]
    public void A_year_snapshot_equals_its_fourth_quarter_snapshot()
    {
        var p = new TestProvince();
        p.Report("SO1", Q(2025, 3), N(("DC_BAN_TTND", 5))).Report("SO1", Q(2025, 4), N(("DC_BAN_TTND", 6)))
            // SO2 and XM2 report a level in Q3 only; XM1 in Q4 only.
            .Report("SO2", Q(2025, 3), N(("DC_BAN_TTND", 4)))
            .Report("XM2", Q(2025, 3), N(("DC_BAN_TTND", 9))).Report("XM2", Q(2025, 4), N(("LD_VANBAN", 1)))
            .Report("XM1", Q(2025, 4), N(("DC_BAN_TTND", 2)));

        var year = p.Consolidate(PeriodKey.Cumulative(2025, PeriodKind.Year));
        var q4 = p.Consolidate(Q(2025, 4));

        foreach (var scope in new[] { "TINH", "LEVEL:SO", "LEVEL:XA" })
        {
            Assert.Equal(q4.Value(scope, "DC_BAN_TTND"), year.Value(scope, "DC_BAN_TTND"));
        }
        Assert.Equal(8m, year.Value("TINH", "DC_BAN_TTND"));
        foreach (var unit in q4.Units)
        {
            Assert.Equal(q4.UnitValue(unit.Code, "DC_BAN_TTND"), year.UnitValue(unit.Code, "DC_BAN_TTND"));
        }
    }

    [Theory]
    [InlineData(PeriodKind.NineMonths)]
    [InlineData(PeriodKind.Year)]
    public void Abolished_districts_and_their_communes_leave_no_snapshot_after_the_merger(PeriodKind kind)
    {
        var p = new TestProvince();
        p.Report("H1", Q(2025, 1), N(("DC_BAN_TTND", 10))).Report("H1", Q(2025, 2), N(("DC_BAN_TTND", 20), ("LD_VANBAN", 3)))
            .Report("X11", Q(2025, 2), N(("DC_BAN_TTND", 1)))
            .Report("SO1", Q(2025, 3), N(("DC_BAN_TTND", 5))).Report("SO1", Q(2025, 4), N(("DC_BAN_TTND", 5)));

        var r = p.Consolidate(PeriodKey.Cumulative(2025, kind));

        Assert.Equal(5m, r.Value("TINH", "DC_BAN_TTND"));
        Assert.Null(r.Value("LEVEL:HUYEN", "DC_BAN_TTND"));
        Assert.Null(r.Value("HUYEN:H1", "DC_BAN_TTND"));
        Assert.Null(r.UnitValue("H1", "DC_BAN_TTND"));
        Assert.Null(r.UnitValue("X11", "DC_BAN_TTND"));
        // The districts' counts of their own quarters still count.
        Assert.Equal(3m, r.Value("LEVEL:HUYEN", "LD_VANBAN"));
    }

    [Fact]
    public void The_same_period_last_year_compares_snapshots_of_its_last_quarter()
    {
        var p = new TestProvince();
        p.Report("H1", Q(2025, 2), N(("DC_BAN_TTND", 20)))
            .Report("XM1", Q(2025, 3), N(("DC_BAN_TTND", 3)))
            .Report("SO1", Q(2025, 4), N(("DC_BAN_TTND", 5)))
            .Report("SO1", Q(2026, 4), N(("DC_BAN_TTND", 6)));

        var r = p.Consolidate(PeriodKey.Cumulative(2026, PeriodKind.Year));

        var tinh = r.Comparisons.Single(c => c.Scope == "TINH" && c.IndicatorCode == "DC_BAN_TTND");
        Assert.Equal((6m, 5m, 1m), (tinh.Current!.Value, tinh.SamePeriodLastYear!.Value, tinh.ChangeFromSamePeriodLastYear!.Value));
    }

    [Fact]
    public void Counts_sum_across_quarters_including_units_missing_a_quarter()
    {
        var r = HalfYear();

        Assert.Equal(7m, r.UnitValue("SO1", "LD_VANBAN"));
        Assert.Equal(2m, r.UnitValue("SO2", "LD_VANBAN"));
        Assert.Equal(10m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(1m, r.Value("HUYEN:H1", "LD_VANBAN"));
        var so2 = r.Units.Single(u => u.Code == "SO2");
        Assert.Equal([Q(2025, 2)], so2.QuartersMissing);
        Assert.Equal([Q(2025, 1)], so2.Sources.Select(s => s.Quarter));
    }

    [Fact]
    public void Completeness_of_a_cumulative_period_follows_its_latest_quarter()
    {
        var r = HalfYear();

        // Q2 submissions: SO1 and H1 of 8 expected units.
        Assert.Equal(new Completeness(8, 2, 2, 0, 6, 0), r.Completeness);
        Assert.Equal(UnitStatus.Missing, r.Units.Single(u => u.Code == "SO2").Status);
        Assert.Null(r.PreviousQuarter);
        Assert.Equal(PeriodKey.Cumulative(2024, PeriodKind.HalfYear), r.SamePeriodLastYear);
    }

    [Fact]
    public void A_year_across_the_merger_keeps_the_districts_earlier_quarters()
    {
        var p = new TestProvince();
        var year = PeriodKey.Cumulative(2025, PeriodKind.Year);
        for (var q = 1; q <= 4; q++)
        {
            p.Report("SO1", Q(2025, q), N(("LD_VANBAN", 1)));
        }
        p.Report("H1", Q(2025, 1), N(("LD_VANBAN", 10))).Report("H1", Q(2025, 2), N(("LD_VANBAN", 20)))
            .Report("X11", Q(2025, 1), N(("LD_VANBAN", 1)))
            .Report("XM1", Q(2025, 3), N(("LD_VANBAN", 5))).Report("XM1", Q(2025, 4), N(("LD_VANBAN", 6)));

        var r = p.Consolidate(year);

        Assert.Equal(46m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(30m, r.Value("LEVEL:HUYEN", "LD_VANBAN"));
        Assert.Equal(31m, r.Value("HUYEN:H1", "LD_VANBAN"));
        Assert.Equal(12m, r.Value("LEVEL:XA", "LD_VANBAN"));
        Assert.Equal(["SO1", "SO2", "H1", "X11", "XM1", "XM2"], r.Units.Select(u => u.Code));
        Assert.Equal(UnitStatus.Reorganised, r.Units.Single(u => u.Code == "H1").Status);
        Assert.Equal("H1", r.Units.Single(u => u.Code == "X11").DistrictCode);
        Assert.Empty(r.Units.Single(u => u.Code == "XM1").QuartersMissing);
        Assert.Equal(4, r.Units.Single(u => u.Code == "SO2").QuartersMissing.Count);
        // Expected at 14/12/2025: SO1, SO2, XM1, XM2; received in Q4: SO1, XM1.
        Assert.Equal(new Completeness(4, 2, 2, 0, 2, 0), r.Completeness);
        Assert.Equal(Completeness.Empty, r.CompletenessOf("HUYEN:H1"));
    }
}
