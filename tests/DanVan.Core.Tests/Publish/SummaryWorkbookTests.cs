using ClosedXML.Excel;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using DanVan.Core.Publish;
using DanVan.Core.Tests.Consolidate;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Publish;

public sealed class SummaryWorkbookTests
{
    private static readonly DanVan.Core.Calendar.PeriodKey Q3 = Q(2025, 3);

    /// <summary>Q3 2025 after the merger: SO1 on time, SO2 late, XM1 corrected after the deadline, XM2 missing.</summary>
    internal static TestProvince AfterMerger()
    {
        var p = new TestProvince();
        p.Report("SO1", Q3, N(("LD_VANBAN", 1200), ("CC_HS_GIAIQUYET", 10), ("CC_HS_DUNGHAN", 9)),
                new Dictionary<string, string> { ["NX_KIENNGHI"] = "=HYPERLINK(\"http://x\",\"bấm\")", ["NX_KETQUA"] = "Tổ chức 12 hội nghị." })
            .Report("SO2", Q3, N(("LD_VANBAN", 34), ("CC_HS_GIAIQUYET", 0), ("CC_HS_DUNGHAN", 0)), version: 1, received: AroundDeadline(Q3, 5))
            .Submission("XM1", Q3, 1, AroundDeadline(Q3, -20), SubmissionOutcome.Accepted)
            .Report("XM1", Q3, N(("LD_VANBAN", 6)), version: 2, received: AroundDeadline(Q3, 30))
            .Report("SO1", Q(2025, 2), N(("LD_VANBAN", 1000)))
            .Report("SO1", Q(2024, 3), N(("LD_VANBAN", 1300)));
        return p;
    }

    internal static XLWorkbook Publish(ConsolidationResult result)
    {
        var stream = new MemoryStream();
        SummaryWorkbook.Write(result, stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    private static IXLRow RowWith(IXLWorksheet ws, int column, string text) =>
        ws.RowsUsed().First(r => r.Cell(column).GetString() == text);

    [Fact]
    public void Has_the_five_sheets_in_order()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        Assert.Equal(["Tổng hợp", "Theo đơn vị", "Tình hình nộp báo cáo", "Kiến nghị", "Nguồn dữ liệu"], wb.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void Summary_sheet_has_the_Decree_30_header_block_and_the_period_lines()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Tổng hợp");

        Assert.Equal("UBND TỈNH QUẢNG NGÃI", ws.Cell("A1").GetString());
        Assert.Equal("SỞ NỘI VỤ", ws.Cell("A2").GetString());
        Assert.True(ws.Cell("A2").Style.Font.Bold);
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ws.Cell("D1").GetString());
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", ws.Cell("D2").GetString());
        Assert.Equal("Quảng Ngãi, ngày 18 tháng 9 năm 2025", ws.Cell("D3").GetString());
        Assert.Equal("BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN", ws.Cell("A5").GetString());
        Assert.Equal("QUÝ III NĂM 2025", ws.Cell("A6").GetString());
        Assert.Equal("Thời gian chốt số liệu: từ ngày 15/06/2025 đến ngày 14/09/2025", ws.Cell("A7").GetString());
        Assert.Equal("Đã nhận 3/4 báo cáo, 1 nộp muộn, 1 chưa nộp, 1 gửi bản điều chỉnh sau hạn", ws.Cell("A8").GetString());
        Assert.Equal("Times New Roman", ws.Cell("A5").Style.Font.FontName);
    }

    [Fact]
    public void Summary_table_shows_levels_province_and_both_comparisons()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Tổng hợp");

        Assert.Equal(
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Sở, ban, ngành", "UBND cấp xã", "Toàn tỉnh", "Quý trước (Quý II năm 2025)",
             "Tăng (+), giảm (-) so với quý trước", "Cùng kỳ năm trước (Quý III năm 2024)", "Tăng (+), giảm (-) so với cùng kỳ năm trước"],
            Enumerable.Range(1, 10).Select(c => ws.Cell(11, c).GetString()));
        var docs = RowWith(ws, 2, "Số văn bản chỉ đạo, chương trình, kế hoạch về công tác dân vận, thực hiện dân chủ ở cơ sở được ban hành");
        Assert.Equal(1234d, docs.Cell(4).GetDouble());
        Assert.Equal(6d, docs.Cell(5).GetDouble());
        Assert.Equal(1240d, docs.Cell(6).GetDouble());
        Assert.Equal(1000d, docs.Cell(7).GetDouble());
        Assert.Equal("+240", docs.Cell(8).GetString());
        Assert.Equal(1300d, docs.Cell(9).GetDouble());
        Assert.Equal("-60", docs.Cell(10).GetString());
        Assert.Equal(SheetKit.CountFormat, docs.Cell(6).Style.NumberFormat.Format);

        var ratio = RowWith(ws, 2, "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn");
        Assert.Equal("90,0", ratio.Cell(4).GetString()); // 9 / (10 + 0), not an average with SO2's "—"
        Assert.Equal("", ratio.Cell(5).GetString()); // communes reported no files at all: blank, not "—"
        Assert.Equal("90,0", ratio.Cell(6).GetString());
        Assert.Equal("I", ws.Cell(12, 1).GetString());
        Assert.Equal("Lãnh đạo, chỉ đạo, quán triệt, tuyên truyền về công tác dân vận", ws.Cell(12, 2).GetString());
    }

    [Fact]
    public void A_ratio_over_a_zero_denominator_reads_a_dash_in_every_column_the_comparisons_included()
    {
        var p = new TestProvince();
        foreach (var quarter in new[] { Q3, Q(2025, 2), Q(2024, 3) })
        {
            p.Report("SO1", quarter, N(("CC_HS_GIAIQUYET", 0), ("CC_HS_DUNGHAN", 0)));
        }
        using var wb = Publish(p.Consolidate(Q3));
        var ws = wb.Worksheet("Tổng hợp");

        var ratio = RowWith(ws, 2, "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn");
        // Sở, xã (nobody reported: blank), province, previous quarter, change, same quarter last year, change.
        Assert.Equal(["—", "", "—", "—", "—", "—", "—"], Enumerable.Range(4, 7).Select(c => ratio.Cell(c).GetString()));
    }

    [Fact]
    public void A_compared_ratio_nobody_reported_stays_blank()
    {
        var p = new TestProvince();
        p.Report("SO1", Q3, N(("CC_HS_GIAIQUYET", 0), ("CC_HS_DUNGHAN", 0)));
        using var wb = Publish(p.Consolidate(Q3));
        var ws = wb.Worksheet("Tổng hợp");

        var ratio = RowWith(ws, 2, "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn");
        Assert.Equal(["—", "", "", ""], new[] { 6, 7, 9, 10 }.Select(c => ratio.Cell(c).GetString()));
    }

    [Fact]
    public void Summary_completeness_table_has_a_data_bar_per_scope()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Tổng hợp");

        var province = RowWith(ws, 2, "Toàn tỉnh");
        Assert.Equal([4d, 3d, 0.75d, 2d, 1d, 1d, 1d], Enumerable.Range(3, 7).Select(c => province.Cell(c).GetDouble()));
        Assert.Contains(ws.ConditionalFormats, cf => cf.ConditionalFormatType == XLConditionalFormatType.DataBar);
    }

    [Fact]
    public void Units_sheet_shows_totals_units_and_missing_units_as_missing()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Theo đơn vị");

        Assert.Equal("Đơn vị báo cáo", ws.Cell("C3").GetString());
        Assert.Equal("Số văn bản chỉ đạo, chương trình, kế hoạch về công tác dân vận, thực hiện dân chủ ở cơ sở được ban hành", ws.Cell("E3").GetString());
        Assert.Equal("văn bản", ws.Cell("E4").GetString());
        Assert.Equal("TỔNG CỘNG TOÀN TỈNH", ws.Cell("C5").GetString());
        Assert.Equal(1240d, ws.Cell("E5").GetDouble());
        Assert.Equal("I. SỞ, BAN, NGÀNH", ws.Cell("C6").GetString());
        Assert.Equal(1234d, ws.Cell("E6").GetDouble());
        Assert.Equal(("SO1", "đúng hạn", 1200d), (ws.Cell("B7").GetString(), ws.Cell("D7").GetString(), ws.Cell("E7").GetDouble()));
        Assert.Equal(("SO2", "nộp muộn"), (ws.Cell("B8").GetString(), ws.Cell("D8").GetString()));
        Assert.Equal(SheetKit.LateFill, ws.Cell("D8").Style.Fill.BackgroundColor);
        Assert.Equal("II. UBND CẤP XÃ", ws.Cell("C9").GetString());
        Assert.Equal(6d, ws.Cell("E9").GetDouble());
        Assert.Equal(("XM2", "chưa nộp"), (ws.Cell("B11").GetString(), ws.Cell("D11").GetString()));
        Assert.True(ws.Cell("E11").IsEmpty());
        Assert.Equal(SheetKit.MissingFill, ws.Cell("E11").Style.Fill.BackgroundColor);
        var ratioColumn = 5 + Array.FindIndex(wb.Worksheet("Theo đơn vị").Row(4).Cells(5, 40).ToArray(), c => c.GetString() == "%");
        Assert.Equal("—", ws.Cell(8, ratioColumn).GetString()); // SO2: 0 files solved -> zero denominator
        Assert.Equal("90,0", ws.Cell(7, ratioColumn).GetString());
        Assert.True(ws.Cell(12, 1).IsEmpty());
    }

    [Fact]
    public void Districts_appear_with_their_communes_and_a_subtotal_before_the_merger()
    {
        var p = new TestProvince();
        var q2 = Q(2025, 2);
        p.Report("H1", q2, N(("LD_VANBAN", 10))).Report("X11", q2, N(("LD_VANBAN", 100))).Report("X12", q2, N(("LD_VANBAN", 200)));
        using var wb = Publish(p.Consolidate(q2));
        var ws = wb.Worksheet("Theo đơn vị");

        var labels = Enumerable.Range(5, 14).Select(r => ws.Cell(r, 3).GetString()).ToArray();
        Assert.Equal(
            ["TỔNG CỘNG TOÀN TỈNH", "I. SỞ, BAN, NGÀNH", "Sở Nội vụ", "Sở Tư pháp", "II. UBND CẤP HUYỆN VÀ CẤP XÃ TRỰC THUỘC",
             "Huyện Sơn Tịnh (gồm các xã)", "Huyện Sơn Tịnh", "Xã Tịnh Hà", "Xã Tịnh Sơn",
             "Huyện Tư Nghĩa (gồm các xã)", "Huyện Tư Nghĩa", "Xã Nghĩa Kỳ", "Thị trấn La Hà", ""],
            labels);
        Assert.Equal(310d, ws.Cell(10, 5).GetDouble());
        Assert.Equal(10d, ws.Cell(11, 5).GetDouble());
        Assert.Equal(310d, ws.Cell(5, 5).GetDouble());
        Assert.True(ws.Cell(14, 5).IsEmpty());
        Assert.Equal("Huyện Sơn Tịnh", wb.Worksheet("Tình hình nộp báo cáo").Cell(9, 5).GetString());
    }

    [Fact]
    public void Submission_sheet_lists_state_time_in_Vietnam_and_versions()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Tình hình nộp báo cáo");

        Assert.Equal("Đã nhận 3/4 báo cáo, 1 nộp muộn, 1 chưa nộp, 1 gửi bản điều chỉnh sau hạn", ws.Cell("A3").GetString());
        string[] Row(int r) => Enumerable.Range(2, 10).Select(c => ws.Cell(r, c).GetString()).ToArray();
        Assert.Equal(["SO2", "Sở Tư pháp", "Sở, ban, ngành", "", "nộp muộn", "18/09/2025 04:59", "18/09/2025 04:59", "", "1", "1"], Row(6));
        Assert.Equal(["XM1", "Xã Tịnh Khê", "UBND cấp xã", "", "đúng hạn", "17/09/2025 03:59", "19/09/2025 05:59", "có", "2", "2"], Row(7));
        Assert.Equal(["XM2", "Phường Cẩm Thành", "UBND cấp xã", "", "chưa nộp", "", "", "", "0", "0"], Row(8));
        Assert.Equal(SheetKit.MissingFill, ws.Cell("F8").Style.Fill.BackgroundColor);
        Assert.True(ws.Cell(9, 1).IsEmpty());
    }

    [Fact]
    public void Agency_text_stays_text_never_a_formula()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        var ws = wb.Worksheet("Kiến nghị");

        var cells = ws.CellsUsed().ToArray();
        var injected = cells.Single(c => c.GetString().StartsWith("=HYPERLINK", StringComparison.Ordinal));
        Assert.False(injected.HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\",\"bấm\")", injected.GetString());
        Assert.Contains(cells, c => c.GetString() == "Kiến nghị, đề xuất");
        Assert.Contains(cells, c => c.GetString() == "Tổ chức 12 hội nghị.");
        Assert.Contains(cells, c => c.GetString() == "(Không có đơn vị nào ghi nội dung này.)"); // Hạn chế: nobody wrote it
    }

    [Fact]
    public void Sources_sheet_names_version_hash_build_time_and_code_version()
    {
        var result = AfterMerger().Consolidate(Q3);
        using var wb = Publish(result);
        var ws = wb.Worksheet("Nguồn dữ liệu");

        Assert.Equal("Thời điểm lập báo cáo tổng hợp: 18/09/2025 01:00 (giờ Việt Nam)", ws.Cell("A2").GetString());
        Assert.Equal("Phiên bản chương trình: test-1.0", ws.Cell("A3").GetString());
        Assert.Contains(result.Fingerprint, ws.Cell("A4").GetString());
        var xm1 = RowWith(ws, 2, "XM1");
        Assert.Equal(("Quý III năm 2025", 2d, "2025-Q3/XM1/v2", "sha256-XM1-2025-Q3-2"),
            (xm1.Cell(4).GetString(), xm1.Cell(5).GetDouble(), xm1.Cell(6).GetString(), xm1.Cell(9).GetString()));
        Assert.Equal("chưa nộp", RowWith(ws, 2, "XM2").Cell(4).GetString());
    }

    [Fact]
    public void Sheets_print_on_A4_landscape_fit_to_width_with_repeated_headers_and_frozen_panes()
    {
        using var wb = Publish(AfterMerger().Consolidate(Q3));
        foreach (var ws in wb.Worksheets)
        {
            Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
            // The per-unit sheet prints at a fixed scale in page-wide blocks (GlanceTests); the others fit the width.
            Assert.Equal(ws.Name == "Theo đơn vị" ? 0 : 1, ws.PageSetup.PagesWide);
            Assert.True(ws.PageSetup.FirstRowToRepeatAtTop > 0, ws.Name);
            Assert.True(ws.SheetView.SplitRow > 0, ws.Name);
        }
        Assert.Equal(4, wb.Worksheet("Theo đơn vị").SheetView.SplitColumn);
    }
}
