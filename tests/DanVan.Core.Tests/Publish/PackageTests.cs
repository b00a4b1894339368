using DanVan.Core.Calendar;
using DanVan.Core.Publish;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Publish;

public sealed class PackageTests
{
    [Fact]
    public void The_spliced_package_is_valid_OpenXml()
    {
        using var stream = new MemoryStream();
        SummaryWorkbook.Write(SummaryWorkbookTests.AfterMerger().Consolidate(Q(2025, 3)), stream);
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();

        Assert.Empty(errors);
    }

    [Fact]
    public void Control_characters_in_agency_text_are_dropped_not_fatal()
    {
        var p = new DanVan.Core.Tests.Consolidate.TestProvince();
        p.Report("SO1", Q(2025, 3), N(("LD_VANBAN", 1)), new Dictionary<string, string> { ["NX_HANCHE"] = "Dòng 1\nDòng 2\u0001 <b>&amp;" });
        using var wb = SummaryWorkbookTests.Publish(p.Consolidate(Q(2025, 3)));

        Assert.Contains(wb.Worksheet("Kiến nghị").CellsUsed(), c => c.GetString() == "Dòng 1\nDòng 2 <b>&amp;");
    }

    [Fact]
    public void A_year_across_the_merger_lists_reorganised_units_with_their_district_but_not_as_expected()
    {
        var p = new DanVan.Core.Tests.Consolidate.TestProvince();
        p.Report("H1", Q(2025, 1), N(("LD_VANBAN", 10))).Report("X11", Q(2025, 2), N(("LD_VANBAN", 1)))
            .Report("XM1", Q(2025, 4), N(("LD_VANBAN", 5)));
        using var wb = SummaryWorkbookTests.Publish(p.Consolidate(PeriodKey.Cumulative(2025, PeriodKind.Year)));
        var units = wb.Worksheet("Theo đơn vị");

        var labels = Enumerable.Range(5, 11).Select(r => (units.Cell(r, 3).GetString(), units.Cell(r, 4).GetString())).ToArray();
        Assert.Equal(
            [("TỔNG CỘNG TOÀN TỈNH", ""), ("I. SỞ, BAN, NGÀNH", ""), ("Sở Nội vụ", "chưa nộp"), ("Sở Tư pháp", "chưa nộp"),
             ("II. UBND CẤP HUYỆN VÀ CẤP XÃ TRỰC THUỘC", ""), ("Huyện Sơn Tịnh (gồm các xã)", ""),
             ("Huyện Sơn Tịnh", "đã sắp xếp lại; thiếu Quý II năm 2025"), ("Xã Tịnh Hà", "đã sắp xếp lại; thiếu Quý I năm 2025"),
             ("III. UBND CẤP XÃ", ""), ("Xã Tịnh Khê", "đúng hạn; thiếu Quý III năm 2025"), ("Phường Cẩm Thành", "chưa nộp")],
            labels);
        Assert.Equal(16d, units.Cell(5, 5).GetDouble());
        Assert.Equal(11d, units.Cell(10, 5).GetDouble());
        Assert.True(units.Cell(13, 5).IsEmpty()); // communes partly under districts: no single subtotal for group III
        var status = wb.Worksheet("Tình hình nộp báo cáo");
        Assert.Equal(["SO1", "SO2", "XM1", "XM2", ""], Enumerable.Range(5, 5).Select(r => status.Cell(r, 2).GetString()));
        Assert.Equal("Đã nhận 1/4 báo cáo, 0 nộp muộn, 3 chưa nộp", wb.Worksheet("Tổng hợp").Cell("A8").GetString());
    }
}
