using ClosedXML.Excel;
using DanVan.Core.Consolidate;
using DanVan.Core.Packaging;
using DanVan.Core.Publish;

namespace DanVan.Core.Followup;

/// <summary>
/// The units to remind as a workbook: each with its parent and the label of the access key issued to it, so the
/// consolidator can phone the right person or re-issue a lost key.
/// </summary>
public static class MissingWorkbook
{
    public const string SheetName = "Đơn vị chưa gửi";

    /// <param name="keyLabels">The labels of the active keys issued to each unit, by unit code.</param>
    public static void Write(ReminderList list, IReadOnlyDictionary<string, IReadOnlyList<string>> keyLabels, DateTimeOffset builtUtc, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = SheetKit.Font;
        workbook.Style.Font.FontSize = 12;
        workbook.Properties.Author = "Sở Nội vụ tỉnh Quảng Ngãi";
        workbook.Properties.Title = $"Danh sách đơn vị chưa gửi báo cáo - {list.Period.NameVi}";
        workbook.Properties.Created = builtUtc.UtcDateTime;
        workbook.Properties.Modified = builtUtc.UtcDateTime;
        var ws = workbook.Worksheets.Add(SheetName);
        string[] headers = ["STT", "Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Tình trạng", "Số lần gửi", "Lần gửi gần nhất", "Mã truy cập đã cấp"];
        double[] widths = [6, 12, 36, 18, 30, 30, 10, 18, 30];
        var last = headers.Length;
        SheetKit.TitleLine(ws, 1, last, $"DANH SÁCH ĐƠN VỊ CHƯA GỬI BÁO CÁO - {VnText.PeriodTitle(list.Period.Key)}");
        SheetKit.TitleLine(ws, 2, last, $"{VnText.Deadline(list.Period)}. Lập lúc {VnText.DateTime(builtUtc)}.", bold: false, italic: true, size: 11);
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
            ws.Cell(4, c + 1).Text(headers[c]);
        }
        SheetKit.HeaderRow(ws, 4, last, 33);
        var row = 4;
        var n = 0;
        foreach (var line in list.Lines)
        {
            row++;
            ws.Cell(row, 1).SetValue(++n);
            ws.Cell(row, 2).Text(line.Unit.Code);
            ws.Cell(row, 3).Text(line.Unit.Name);
            ws.Cell(row, 4).Text(Scopes.LevelNameVi(line.Unit.Level));
            ws.Cell(row, 5).Text(line.Parent?.Name ?? "");
            ws.Cell(row, 6).Text(line.ReasonVi);
            ws.Cell(row, 7).SetValue(line.Uploads);
            ws.Cell(row, 8).Text(line.LastUploadUtc is { } at ? VnText.DateTime(at) : "");
            ws.Cell(row, 9).Text(keyLabels.TryGetValue(line.Unit.Code, out var labels) && labels.Count > 0 ? string.Join("; ", labels) : "Chưa cấp mã");
        }
        SheetKit.Body(ws, 5, row, last);
        ws.Range(4, 3, Math.Max(row, 4), 9).Style.Alignment.WrapText = true;
        ws.SheetView.FreezeRows(4);
        SheetKit.PageSetup(ws, landscape: true, 4, 4);
        PackageNormalizer.SaveAs(workbook, output);
    }
}
