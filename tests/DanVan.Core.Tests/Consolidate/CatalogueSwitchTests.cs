using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;
using DanVan.Core.Publish;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

/// <summary>
/// Consolidation across the catalogue switch of seeds/ (v1 until 2027-Q1, v2 from 2027-Q2) with hand-made reports:
/// "6 tháng đầu năm 2027" combines a v1 quarter and a v2 quarter by code.
/// </summary>
public sealed class CatalogueSwitchTests
{
    private static readonly PeriodKey Q1 = Q(2027, 1);
    private static readonly PeriodKey Q2 = Q(2027, 2);
    private static readonly PeriodKey H1 = PeriodKey.Cumulative(2027, PeriodKind.HalfYear);
    private static readonly CatalogueSet Set = CatalogueSet.Default;

    private static void Report(TestProvince p, string unit, PeriodKey quarter, int catalogueVersion, params (string Code, long? Value)[] numbers)
    {
        p.Report(unit, quarter, N(numbers));
        var i = p.Reports.FindIndex(r => r.UnitCode == unit && r.Quarter == quarter);
        p.Reports[i] = p.Reports[i] with { CatalogueVersion = catalogueVersion };
    }

    /// <summary>Q1 on v1 templates (with the code v2 retires), Q2 on v2 templates (with the code v2 adds).</summary>
    private static TestProvince AcrossTheSwitch()
    {
        var p = new TestProvince();
        Report(p, "SO1", Q1, 1, ("LD_VANBAN", 10), ("CC_THU_XINLOI", 3), ("TD_DOAN_DONGNGUOI", 2), ("DC_BAN_TTND", 4));
        Report(p, "SO2", Q1, 1, ("LD_VANBAN", 5), ("CC_THU_XINLOI", 1));
        Report(p, "SO1", Q2, 2, ("LD_VANBAN", 20), ("TD_PHANANH_SO", 7), ("TD_DOAN_DONGNGUOI", 1), ("DC_BAN_TTND", 6));
        Report(p, "SO2", Q2, 2, ("LD_VANBAN", 1), ("TD_PHANANH_SO", 3));
        Report(p, "XM1", Q2, 2, ("LD_VANBAN", 2), ("TD_PHANANH_SO", 0));
        return p;
    }

    [Fact]
    public void The_half_year_aggregates_by_code_across_both_versions()
    {
        var r = AcrossTheSwitch().Consolidate(H1);

        Assert.Equal(38m, r.Value("TINH", "LD_VANBAN"));
        Assert.Equal(3m, r.Value("TINH", "TD_DOAN_DONGNGUOI"));
        Assert.Equal(6m, r.Value("TINH", "DC_BAN_TTND")); // a snapshot still takes the latest quarter across the switch
        Assert.Equal(30m, r.UnitValue("SO1", "LD_VANBAN"));
    }

    [Fact]
    public void The_retired_indicator_shows_only_the_quarters_that_had_it()
    {
        var r = AcrossTheSwitch().Consolidate(H1);

        Assert.Contains(r.Indicators, i => i.Code == "CC_THU_XINLOI");
        Assert.Equal(4m, r.Value("TINH", "CC_THU_XINLOI"));
        Assert.Equal(3m, r.UnitValue("SO1", "CC_THU_XINLOI"));
        Assert.Null(r.UnitValue("XM1", "CC_THU_XINLOI")); // XM1 reported only under v2
    }

    [Fact]
    public void The_new_indicator_counts_only_where_it_was_reported()
    {
        var r = AcrossTheSwitch().Consolidate(H1);

        Assert.Equal(10m, r.Value("TINH", "TD_PHANANH_SO"));
        Assert.Equal(7m, r.UnitValue("SO1", "TD_PHANANH_SO"));
        Assert.Equal(0m, r.UnitValue("XM1", "TD_PHANANH_SO"));
        Assert.Null(r.Comparisons.Single(c => c.Scope == "TINH" && c.IndicatorCode == "TD_PHANANH_SO").SamePeriodLastYear);
    }

    [Fact]
    public void The_relabelled_indicator_carries_its_newest_label()
    {
        var r = AcrossTheSwitch().Consolidate(H1);

        Assert.Equal(Set.Get(2)["TD_DOAN_DONGNGUOI"].NameVi, r.Indicators.Single(i => i.Code == "TD_DOAN_DONGNGUOI").NameVi);
        // The last v1 quarter alone keeps the v1 label and has no column for the v2 indicator.
        var q1 = AcrossTheSwitch().Consolidate(Q1);
        Assert.Equal("Số đoàn đông người", q1.Indicators.Single(i => i.Code == "TD_DOAN_DONGNGUOI").NameVi);
        Assert.DoesNotContain(q1.Indicators, i => i.Code == "TD_PHANANH_SO");
    }

    [Fact]
    public void A_v2_quarter_alone_has_no_retired_column_unless_a_v1_template_brought_data()
    {
        var q2 = AcrossTheSwitch().Consolidate(Q2);
        Assert.DoesNotContain(q2.Indicators, i => i.Code == "CC_THU_XINLOI");
        Assert.Equal([2], q2.CatalogueVersions.Select(v => v.Version));

        var p = AcrossTheSwitch();
        Report(p, "XM2", Q2, 1, ("LD_VANBAN", 4), ("CC_THU_XINLOI", 9)); // an older template, accepted with a warning
        var mixed = p.Consolidate(Q2);
        Assert.Equal(9m, mixed.Value("TINH", "CC_THU_XINLOI"));
        Assert.Equal([(1, new[] { Q2 }), (2, new[] { Q2 })], mixed.CatalogueVersions.Select(v => (v.Version, v.Quarters.ToArray())));
    }

    [Fact]
    public void A_retired_indicator_nobody_filled_is_not_shown()
    {
        var p = new TestProvince();
        Report(p, "SO1", Q1, 1, ("LD_VANBAN", 10), ("CC_THU_XINLOI", null));
        Report(p, "SO1", Q2, 2, ("LD_VANBAN", 20));

        var r = p.Consolidate(H1);

        Assert.DoesNotContain(r.Indicators, i => i.Code == "CC_THU_XINLOI");
        Assert.Equal(30m, r.Value("TINH", "LD_VANBAN"));
    }

    [Fact]
    public void The_result_names_the_versions_it_combined_with_their_quarters()
    {
        var r = AcrossTheSwitch().Consolidate(H1);

        Assert.Equal([(1, new[] { Q1 }), (2, new[] { Q2 })], r.CatalogueVersions.Select(v => (v.Version, v.Quarters.ToArray())));
        Assert.Equal(
            "Tổng hợp từ danh mục chỉ tiêu phiên bản 1 (Quý I/2027) và phiên bản 2 (Quý II/2027): số liệu cộng theo mã chỉ tiêu, "
            + "tên chỉ tiêu theo phiên bản 2; chỉ tiêu đã thôi theo dõi chỉ hiện khi có số liệu.",
            VnText.CatalogueVersionsLine(r.CatalogueVersions));
    }

    [Fact]
    public void The_versions_change_the_fingerprint()
    {
        var p = AcrossTheSwitch();
        var before = p.Consolidate(Q2).Fingerprint;
        Report(p, "XM2", Q2, 1, ("LD_VANBAN", 4));
        var after = p.Consolidate(Q2);

        Assert.NotEqual(before, after.Fingerprint);
        Assert.Equal([1, 2], after.CatalogueVersions.Select(v => v.Version));
    }

    private static XLWorkbook Publish(ConsolidationResult result)
    {
        var stream = new MemoryStream();
        SummaryWorkbook.Write(result, stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    [Fact]
    public void The_published_half_year_workbook_says_which_versions_it_combined()
    {
        using var wb = Publish(AcrossTheSwitch().Consolidate(H1));
        var summary = wb.Worksheet(SummarySheet.Name);
        var texts = summary.CellsUsed().Select(c => c.GetString()).ToArray();

        Assert.Contains(texts, t => t.StartsWith("Ghi chú: Tổng hợp từ danh mục chỉ tiêu phiên bản 1 (Quý I/2027) và phiên bản 2 (Quý II/2027)", StringComparison.Ordinal));
        // The retired indicator and the new one are rows of the indicator table; the relabelled one has its v2 label only.
        Assert.Contains(Set.Get(1)["CC_THU_XINLOI"].NameVi, texts);
        Assert.Contains(Set.Get(2)["TD_PHANANH_SO"].NameVi, texts);
        Assert.Contains(Set.Get(2)["TD_DOAN_DONGNGUOI"].NameVi, texts);
        Assert.DoesNotContain("Số đoàn đông người", texts);
        var retiredRow = summary.RowsUsed().First(r => r.Cell(2).GetString() == Set.Get(1)["CC_THU_XINLOI"].NameVi);
        var provinceColumn = summary.RowsUsed().First(r => r.Cell(2).GetString() == "Chỉ tiêu").CellsUsed().First(c => c.GetString() == Scopes.ProvinceNameVi).Address.ColumnNumber;
        Assert.Equal(4, retiredRow.Cell(provinceColumn).GetDouble());

        var sources = wb.Worksheet(SourcesSheet.Name).Cell("A5").GetString();
        Assert.Contains("Tổng hợp từ danh mục chỉ tiêu phiên bản 1 (Quý I/2027) và phiên bản 2 (Quý II/2027)", sources, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_version_quarter_names_its_version_on_the_sources_sheet_only()
    {
        using var wb = Publish(AcrossTheSwitch().Consolidate(Q2));

        Assert.DoesNotContain(wb.Worksheet(SummarySheet.Name).CellsUsed(), c => c.GetString().StartsWith("Ghi chú: Tổng hợp từ", StringComparison.Ordinal));
        Assert.EndsWith("Tổng hợp theo danh mục chỉ tiêu phiên bản 2 (Quý II/2027).", wb.Worksheet(SourcesSheet.Name).Cell("A5").GetString(), StringComparison.Ordinal);
    }
}
