using ClosedXML.Excel;
using DanVan.Core.Calendar;

namespace DanVan.Core.Publish;

/// <summary>"Kiến nghị": every unit's narrative fields gathered by field (Kết quả nổi bật; Hạn chế; Kiến nghị), as written.</summary>
internal static class NarrativesSheet
{
    public const string Name = "Kiến nghị";
    private const double TextWidth = 90;

    public static void Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Style.Font.FontSize = 12;
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 30;
        ws.Column(3).Width = 16;
        ws.Column(4).Width = TextWidth;
        const int last = 4;
        SheetKit.TitleLine(ws, 1, last, $"KIẾN NGHỊ, ĐỀ XUẤT VÀ ĐÁNH GIÁ CỦA CÁC ĐƠN VỊ - {VnText.PeriodTitle(r.Period.Key)}");
        SheetKit.TitleLine(ws, 2, last, VnText.Window(r.Period), bold: false, italic: true, size: 12);
        const int header = 3;
        string[] headers = ["STT", "Đơn vị báo cáo", "Kỳ", "Nội dung"];
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(header, c + 1).Text(headers[c]);
        }
        SheetKit.HeaderRow(ws, header, last, 30);

        var row = header;
        var groupRows = new List<int>();
        var byField = r.Narratives.ToLookup(n => n.IndicatorCode, StringComparer.Ordinal);
        var field = 0;
        foreach (var indicator in r.Indicators.Where(i => !i.IsNumeric))
        {
            row++;
            ws.Cell(row, 1).Text(UnitsSheet.Roman(++field));
            ws.Cell(row, 2).Text(indicator.NameVi);
            ws.Range(row, 2, row, last).Merge();
            groupRows.Add(row);
            var stt = 0;
            foreach (var n in byField[indicator.Code])
            {
                row++;
                ws.Cell(row, 1).SetValue(++stt);
                ws.Cell(row, 2).Text(n.UnitNameVi);
                ws.Cell(row, 3).Text(ReportingCalendar.NameVi(n.Quarter));
                ws.Cell(row, 4).Text(n.Text);
                ws.Row(row).Height = SheetKit.WrappedHeight(n.Text, TextWidth);
            }
            if (stt == 0)
            {
                row++;
                ws.Cell(row, 4).Text("(Không có đơn vị nào ghi nội dung này.)");
            }
        }
        SheetKit.Body(ws, header + 1, row, last);
        ws.Range(header + 1, 1, row, last).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        ws.Range(header + 1, 2, row, last).Style.Alignment.WrapText = true;
        ws.Range(header + 1, 1, row, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        foreach (var g in groupRows)
        {
            ws.Range(g, 1, g, last).Style.Font.Bold = true;
            ws.Range(g, 1, g, last).Style.Fill.BackgroundColor = SheetKit.GroupFill;
        }
        ws.SheetView.FreezeRows(header);
        SheetKit.PageSetup(ws, landscape: true, header, header);
    }
}
