using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class RatioTests
{
    [Fact]
    public void Ratios_come_from_summed_numerator_and_denominator_never_averaged()
    {
        var p = new TestProvince();
        var q3 = Q(2025, 3);
        p.Report("SO1", q3, N(("CC_HS_GIAIQUYET", 10), ("CC_HS_DUNGHAN", 9)))
            .Report("SO2", q3, N(("CC_HS_GIAIQUYET", 90), ("CC_HS_DUNGHAN", 1)));

        var r = p.Consolidate(q3);

        Assert.Equal(90.0m, r.UnitValue("SO1", "CC_TL_DUNGHAN"));
        Assert.Equal(1.1m, r.UnitValue("SO2", "CC_TL_DUNGHAN"));
        var so = r.Agg("LEVEL:SO", "CC_TL_DUNGHAN");
        Assert.Equal((10m, 10L, 100L), (so.Value!.Value, so.Numerator!.Value, so.Denominator!.Value)); // not (90 + 1.1) / 2
        Assert.Equal(10m, r.Value("TINH", "CC_TL_DUNGHAN"));
    }

    [Fact]
    public void Zero_denominator_gives_no_value_and_unreported_inputs_stay_unknown()
    {
        var p = new TestProvince();
        var q3 = Q(2025, 3);
        p.Report("XM1", q3, N(("CC_HS_GIAIQUYET", 0), ("CC_HS_DUNGHAN", 0)));

        var r = p.Consolidate(q3);

        var xa = r.Agg("LEVEL:XA", "CC_TL_DUNGHAN");
        Assert.Null(xa.Value);
        Assert.Equal(0L, xa.Denominator);
        Assert.Equal(0L, xa.Numerator);
        Assert.Null(r.UnitValue("XM1", "CC_TL_DUNGHAN"));
        var never = r.Agg("TINH", "TD_TL_GIAIQUYET");
        Assert.Equal((null, null, null), (never.Value, never.Numerator, never.Denominator));
    }
}
