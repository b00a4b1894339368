using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>"Nguồn dữ liệu": which report version and content hash each unit's figures came from; build time and code version.</summary>
internal static class SourcesSheet
{
    public const string Name = "Nguồn dữ liệu";

    /// <summary>Cells that hold the build time (the only content allowed to differ between re-runs).</summary>
    public const string BuiltCell = "A2";

    public static void Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Style.Font.FontSize = 11;
        string[] headers =
        [
            "STT", "Mã đơn vị", "Đơn vị báo cáo", "Quý", "Phiên bản báo cáo (lần gửi thứ)", "Mã lần gửi",
            "Thời điểm nhận", "Phiên bản danh mục chỉ tiêu", "Mã băm nội dung (SHA-256)",
        ];
        double[] widths = [6, 10, 32, 16, 14, 28, 18, 12, 70];
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }
        var last = headers.Length;
        SheetKit.TitleLine(ws, 1, last, $"NGUỒN DỮ LIỆU - {VnText.PeriodTitle(r.Period.Key)}");
        Info(ws, 2, last, $"Thời điểm lập báo cáo tổng hợp: {VnText.DateTime(r.BuiltUtc)} (giờ Việt Nam)");
        Info(ws, 3, last, $"Phiên bản chương trình: {r.CodeVersion}");
        Info(ws, 4, last, $"Mã kiểm tra nội dung (SHA-256, không tính thời điểm lập): {r.Fingerprint}");
        Info(ws, 5, last, "Số liệu của mỗi đơn vị lấy từ phiên bản báo cáo hiện hành đã được tiếp nhận, liệt kê dưới đây.");
        const int header = 6;
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(header, c + 1).Text(headers[c]);
        }
        SheetKit.HeaderRow(ws, header, last, 48);

        var row = header;
        var stt = 0;
        foreach (var u in r.Units)
        {
            if (u.Sources.Count == 0)
            {
                row++;
                ws.Cell(row, 1).SetValue(++stt);
                ws.Cell(row, 2).Text(u.Code);
                ws.Cell(row, 3).Text(u.NameVi);
                ws.Cell(row, 4).Text(VnText.Status(UnitStatus.Missing));
                continue;
            }
            foreach (var s in u.Sources)
            {
                row++;
                ws.Cell(row, 1).SetValue(++stt);
                ws.Cell(row, 2).Text(u.Code);
                ws.Cell(row, 3).Text(u.NameVi);
                ws.Cell(row, 4).Text(ReportingCalendar.NameVi(s.Quarter));
                ws.Cell(row, 5).SetValue(s.Version);
                ws.Cell(row, 6).Text(s.SubmissionId);
                ws.Cell(row, 7).Text(VnText.DateTime(s.ReceivedUtc));
                ws.Cell(row, 8).SetValue(s.CatalogueVersion);
                ws.Cell(row, 9).Text(s.ContentHash);
            }
        }
        SheetKit.Body(ws, header + 1, row, last);
        if (row > header)
        {
            ws.Range(header + 1, 1, row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            ws.Range(header + 1, 4, row, 5).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            ws.Range(header + 1, 7, row, 8).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }
        ws.SheetView.FreezeRows(header);
        SheetKit.PageSetup(ws, landscape: true, header, header);
    }

    private static void Info(IXLWorksheet ws, int row, int last, string text)
    {
        var range = ws.Range(row, 1, row, last).Merge();
        range.FirstCell().Text(text);
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }
}
