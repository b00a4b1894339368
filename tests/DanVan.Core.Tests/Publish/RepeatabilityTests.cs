using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Publish;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Publish;

public sealed class RepeatabilityTests
{
    private static Dictionary<string, string> Cells(XLWorkbook wb) =>
        wb.Worksheets.SelectMany(ws => ws.CellsUsed().Select(c => (Key: $"{ws.Name}!{c.Address}", Value: c.GetString())))
            .ToDictionary(x => x.Key, x => x.Value);

    [Fact]
    public void The_same_result_gives_the_same_bytes()
    {
        var result = SummaryWorkbookTests.AfterMerger().Consolidate(Q(2025, 3));
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        SummaryWorkbook.Write(result, a);
        SummaryWorkbook.Write(result, b);

        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void A_re_run_differs_only_in_the_build_time()
    {
        var p = SummaryWorkbookTests.AfterMerger();
        var first = p.Consolidate(Q(2025, 3));
        var second = p.Consolidate(Q(2025, 3), Built.AddDays(40));
        Assert.Equal(first.Fingerprint, second.Fingerprint);

        using var wa = SummaryWorkbookTests.Publish(first);
        using var wb = SummaryWorkbookTests.Publish(second);
        var ca = Cells(wa);
        var cb = Cells(wb);

        Assert.Equal(ca.Keys.Order(), cb.Keys.Order());
        var differing = ca.Keys.Where(k => ca[k] != cb[k]).Order().ToArray();
        Assert.Equal(["Nguồn dữ liệu!A2", "Tổng hợp!D3"], differing);
    }

    [Fact]
    public void Cumulative_periods_publish_without_the_previous_quarter_columns()
    {
        var p = new DanVan.Core.Tests.Consolidate.TestProvince();
        p.Report("SO1", Q(2025, 1), N(("LD_VANBAN", 1))).Report("SO1", Q(2025, 2), N(("LD_VANBAN", 2)));
        using var wb = SummaryWorkbookTests.Publish(p.Consolidate(PeriodKey.Cumulative(2025, PeriodKind.HalfYear)));
        var ws = wb.Worksheet("Tổng hợp");

        Assert.Equal("6 THÁNG ĐẦU NĂM 2025", ws.Cell("A6").GetString());
        Assert.Equal("Thời gian chốt số liệu: từ ngày 15/12/2024 đến ngày 14/06/2025", ws.Cell("A7").GetString());
        Assert.Equal("Cùng kỳ năm trước (6 tháng đầu năm 2024)", ws.Cell(11, 8).GetString());
        Assert.DoesNotContain(Enumerable.Range(1, 12), c => ws.Cell(11, c).GetString().StartsWith("Quý trước", StringComparison.Ordinal));
        Assert.Contains("Tình hình gửi tính theo báo cáo Quý II năm 2025", wb.Worksheet("Tình hình nộp báo cáo").Cell("A2").GetString());
    }
}
