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
            // SO2 misses Q2: its latest available quarter (Q1) gives the snapshot.
            .Report("SO2", Q(2025, 1), N(("DC_BAN_TTND", 4), ("LD_VANBAN", 2)))
            // H1 leaves the snapshot blank in Q2: the latest reported level (Q1) stands.
            .Report("H1", Q(2025, 1), N(("DC_BAN_TTND", 3)))
            .Report("H1", Q(2025, 2), N(("DC_BAN_TTND", null), ("LD_VANBAN", 1)));
        return p.Consolidate(H1);
    }

    [Fact]
    public void Snapshot_takes_the_latest_quarter_not_the_sum()
    {
        var r = HalfYear();

        Assert.Equal(7m, r.UnitValue("SO1", "DC_BAN_TTND"));
        Assert.Equal(4m, r.UnitValue("SO2", "DC_BAN_TTND"));
        Assert.Equal(3m, r.UnitValue("H1", "DC_BAN_TTND"));
        Assert.Equal(11m, r.Value("LEVEL:SO", "DC_BAN_TTND"));
        Assert.Equal(14m, r.Value("TINH", "DC_BAN_TTND"));
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
