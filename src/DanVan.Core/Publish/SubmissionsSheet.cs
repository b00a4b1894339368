using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>"Tình hình nộp báo cáo": each expected unit's state, received time (Vietnam time), versions.</summary>
internal static class SubmissionsSheet
{
    public const string Name = "Tình hình nộp báo cáo";

    public static void Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Style.Font.FontSize = 11;
        string[] headers =
        [
            "STT", "Mã đơn vị", "Đơn vị báo cáo", "Cấp", "Thuộc huyện", "Tình trạng",
            "Thời điểm nhận (lần tiếp nhận đầu tiên)", "Lần tiếp nhận gần nhất", "Điều chỉnh sau hạn", "Số phiên bản đã tiếp nhận", "Số lần gửi",
        ];
        double[] widths = [6, 10, 32, 16, 22, 14, 18, 18, 12, 12, 10];
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }
        var last = headers.Length;
        var lastQuarter = r.Period.Key.Quarters[^1];
        SheetKit.TitleLine(ws, 1, last, $"TÌNH HÌNH GỬI BÁO CÁO - {VnText.PeriodTitle(r.Period.Key)}");
        var basis = r.Period.Key.IsCumulative ? $" Tình hình gửi tính theo báo cáo {ReportingCalendar.NameVi(lastQuarter)}." : "";
        SheetKit.TitleLine(ws, 2, last, VnText.Deadline(r.Period) + "." + basis, bold: false, italic: true, size: 11);
        SheetKit.TitleLine(ws, 3, last, VnText.CompletenessLine(r.Completeness), bold: false, size: 11);
        const int header = 4;
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(header, c + 1).Text(headers[c]);
        }
        SheetKit.HeaderRow(ws, header, last, 48);

        var districtNames = r.Units.Where(u => u.Level == Registry.UnitLevel.Huyen)
            .GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().NameVi, StringComparer.OrdinalIgnoreCase);
        var row = header;
        var stt = 0;
        var missing = new List<int>();
        var late = new List<int>();
        foreach (var u in r.Units.Where(u => u.Status != UnitStatus.Reorganised))
        {
            row++;
            ws.Cell(row, 1).SetValue(++stt);
            ws.Cell(row, 2).Text(u.Code);
            ws.Cell(row, 3).Text(u.NameVi);
            ws.Cell(row, 4).Text(Scopes.LevelNameVi(u.Level));
            if (u.Level == Registry.UnitLevel.Xa && u.DistrictCode is { } d)
            {
                ws.Cell(row, 5).Text(districtNames.GetValueOrDefault(d, d));
            }
            ws.Cell(row, 6).Text(VnText.Status(u.Status));
            if (u.FirstAcceptedUtc is { } first)
            {
                ws.Cell(row, 7).Text(VnText.DateTime(first));
            }
            if (u.LatestAcceptedUtc is { } latest)
            {
                ws.Cell(row, 8).Text(VnText.DateTime(latest));
            }
            if (u.CorrectedAfterDeadline)
            {
                ws.Cell(row, 9).Text("có");
            }
            ws.Cell(row, 10).SetValue(u.Versions);
            ws.Cell(row, 11).SetValue(u.Uploads);
            (u.Status == UnitStatus.Missing ? missing : u.Status == UnitStatus.Late ? late : null)?.Add(row);
        }
        SheetKit.Body(ws, header + 1, row, last);
        if (row > header)
        {
            ws.Range(header + 1, 1, row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            ws.Range(header + 1, 6, row, last).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }
        foreach (var m in missing)
        {
            ws.Range(m, 1, m, last).Style.Fill.BackgroundColor = SheetKit.MissingFill;
        }
        foreach (var l in late)
        {
            ws.Range(l, 1, l, last).Style.Fill.BackgroundColor = SheetKit.LateFill;
        }
        ws.SheetView.FreezeRows(header);
        SheetKit.PageSetup(ws, landscape: true, header, header);
    }
}
