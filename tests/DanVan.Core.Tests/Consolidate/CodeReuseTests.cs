using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Registry;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class CodeReuseTests
{
    [Fact]
    public void A_code_reused_by_the_merger_names_two_units_that_never_mix()
    {
        // "X11" is an old commune until 30 June 2025 and, from 1 July, the code of a new merged commune.
        var registry = new UnitRegistry(
        [
            Unit("51", "Tỉnh Quảng Ngãi", UnitLevel.Tinh, Since, null, null),
            Unit("H1", "Huyện Sơn Tịnh", UnitLevel.Huyen, Since, LastDayOfDistricts, "51"),
            Unit("X11", "Xã Tịnh Hà", UnitLevel.Xa, Since, LastDayOfDistricts, "H1"),
            Unit("X11", "Xã Tịnh Hà (mới)", UnitLevel.Xa, Merger, null, "51"),
        ]);
        var p = new TestProvince();
        p.Report("X11", Q(2025, 1), N(("LD_VANBAN", 1), ("DC_BAN_TTND", 4)))
            .Report("X11", Q(2025, 3), N(("LD_VANBAN", 10), ("DC_BAN_TTND", 7)))
            .Report("X11", Q(2025, 4), N(("LD_VANBAN", 100), ("DC_BAN_TTND", 9)));
        var input = p.Input(PeriodKey.Cumulative(2025, PeriodKind.Year)) with { Registry = registry };

        var r = Consolidator.Consolidate(input);

        var rows = r.Units.Select(u => (u.Code, u.ValidFrom, u.NameVi, u.Status, u.DistrictCode)).ToArray();
        Assert.Equal(
            [("X11", Since, "Xã Tịnh Hà", UnitStatus.Reorganised, (string?)"H1"), ("X11", Merger, "Xã Tịnh Hà (mới)", UnitStatus.OnTime, null)],
            rows.Where(x => x.Code == "X11"));
        Assert.Equal(1m, r.Units.Single(u => u.Code == "X11" && u.ValidFrom == Since).Values[0]);
        Assert.Equal(110m, r.Units.Single(u => u.Code == "X11" && u.ValidFrom == Merger).Values[0]);
        Assert.Equal(UnitStatus.Reorganised, r.Units.Single(u => u.Code == "H1").Status);
        // Snapshots: the new commune's Q4 level only; the old unit behind the code had ceased to exist.
        Assert.Equal(9m, r.Value("TINH", "DC_BAN_TTND"));
        Assert.Null(r.Units.Single(u => u.Code == "X11" && u.ValidFrom == Since).Values[r.NumericIndicators.Select(i => i.Code).ToList().IndexOf("DC_BAN_TTND")]);
        Assert.Equal(111m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(1m, r.Value("HUYEN:H1", "LD_VANBAN"));
        Assert.Equal(new Completeness(1, 1, 1, 0, 0, 0), r.Completeness);
    }

    [Fact]
    public void Nine_months_snapshot_ignores_the_old_unit_behind_a_reused_code()
    {
        var registry = new UnitRegistry(
        [
            Unit("51", "Tỉnh Quảng Ngãi", UnitLevel.Tinh, Since, null, null),
            Unit("H1", "Huyện Sơn Tịnh", UnitLevel.Huyen, Since, LastDayOfDistricts, "51"),
            Unit("X11", "Xã Tịnh Hà", UnitLevel.Xa, Since, LastDayOfDistricts, "H1"),
            Unit("X11", "Xã Tịnh Hà (mới)", UnitLevel.Xa, Merger, null, "51"),
        ]);
        var p = new TestProvince();
        p.Report("X11", Q(2025, 2), N(("DC_BAN_TTND", 4))).Report("X11", Q(2025, 3), N(("DC_BAN_TTND", 7)));
        var input = p.Input(PeriodKey.Cumulative(2025, PeriodKind.NineMonths)) with { Registry = registry };

        var r = Consolidator.Consolidate(input);

        Assert.Equal(7m, r.Value("TINH", "DC_BAN_TTND"));
        Assert.Equal(7m, r.Value("LEVEL:XA", "DC_BAN_TTND"));
        Assert.Null(r.Value("HUYEN:H1", "DC_BAN_TTND"));
    }
}
