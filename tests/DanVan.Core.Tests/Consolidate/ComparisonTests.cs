using DanVan.Core.Calendar;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class ComparisonTests
{
    [Fact]
    public void Compares_with_the_previous_quarter_and_the_same_quarter_last_year()
    {
        var p = new TestProvince();
        p.Report("SO1", Q(2025, 3), N(("LD_VANBAN", 12))).Report("XM1", Q(2025, 3), N(("LD_VANBAN", 8)))
            .Report("SO1", Q(2025, 2), N(("LD_VANBAN", 10))).Report("X11", Q(2025, 2), N(("LD_VANBAN", 5)))
            .Report("SO1", Q(2024, 3), N(("LD_VANBAN", 3))).Report("H1", Q(2024, 3), N(("LD_VANBAN", 4)));

        var r = p.Consolidate(Q(2025, 3));

        Assert.Equal(Q(2025, 2), r.PreviousQuarter);
        Assert.Equal(Q(2024, 3), r.SamePeriodLastYear);
        var tinh = r.Comparisons.Single(c => c.Scope == "TINH" && c.IndicatorCode == "LD_VANBAN");
        Assert.Equal((20m, 15m, 7m), (tinh.Current!.Value, tinh.PreviousQuarter!.Value, tinh.SamePeriodLastYear!.Value));
        Assert.Equal((5m, 13m), (tinh.ChangeFromPreviousQuarter!.Value, tinh.ChangeFromSamePeriodLastYear!.Value));
        var xa = r.Comparisons.Single(c => c.Scope == "LEVEL:XA" && c.IndicatorCode == "LD_VANBAN");
        Assert.Equal(5m, xa.PreviousQuarter);
        Assert.Null(xa.SamePeriodLastYear);
        Assert.Null(xa.ChangeFromSamePeriodLastYear);
        Assert.DoesNotContain(r.Comparisons, c => c.Scope == "LEVEL:HUYEN");
    }

    [Fact]
    public void A_cumulative_period_compares_with_the_same_cumulative_period_last_year()
    {
        var p = new TestProvince();
        p.Report("SO1", Q(2025, 1), N(("LD_VANBAN", 1))).Report("SO1", Q(2025, 2), N(("LD_VANBAN", 2)))
            .Report("SO1", Q(2024, 1), N(("LD_VANBAN", 4))).Report("SO1", Q(2024, 2), N(("LD_VANBAN", 8)));

        var r = p.Consolidate(PeriodKey.Cumulative(2025, PeriodKind.HalfYear));

        var tinh = r.Comparisons.Single(c => c.Scope == "TINH" && c.IndicatorCode == "LD_VANBAN");
        Assert.Equal(3m, tinh.Current);
        Assert.Null(tinh.PreviousQuarter);
        Assert.Equal(12m, tinh.SamePeriodLastYear);
        Assert.Equal(-9m, tinh.ChangeFromSamePeriodLastYear);
    }
}
