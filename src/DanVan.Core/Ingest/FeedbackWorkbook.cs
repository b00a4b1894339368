using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Packaging;
using DanVan.Core.Templates;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Ingest;

/// <summary>
/// The uploader's own workbook with the problem cells marked (fill and comment), plus a first sheet
/// listing every problem. When the upload is not a workbook we may open (not a spreadsheet, .xls,
/// password, macros, corrupt, over a limit), the feedback is a new workbook holding just the list.
/// </summary>
public static class FeedbackWorkbook
{
    public const string ProblemSheet = "Kết quả kiểm tra";

    private static readonly XLColor ErrorFill = XLColor.FromHtml("#F8CBAD");
    private static readonly XLColor WarningFill = XLColor.FromHtml("#FFE699");

    public static void Write(Stream original, string fileName, CheckResult result, Stream output)
    {
        XLWorkbook? wb = null;
        try
        {
            if (!result.Problems.Any(p => ProblemCodes.Unopenable.Contains(p.Code)))
            {
                wb = TryOpen(original);
            }
            var own = wb is not null;
            wb ??= NewWorkbook();
            if (own)
            {
                ClearEarlierFeedback(wb);
                MarkCells(wb, result);
            }
            var list = AddProblemSheet(wb, fileName, result, own);
            list.SetTabActive();
            foreach (var other in wb.Worksheets.Where(w => w != list))
            {
                other.TabActive = false;
                other.TabSelected = false;
            }
            list.TabSelected = true;
            PackageNormalizer.SaveAs(wb, output);
        }
        finally
        {
            wb?.Dispose();
        }
    }

    private static XLWorkbook? TryOpen(Stream original)
    {
        var copy = new MemoryStream();
        original.CopyTo(copy);
        try
        {
            copy.Position = 0;
            return new XLWorkbook(copy);
        }
        catch (Exception)
        {
            // ClosedXML 0.95 cannot load the comment drawings LibreOffice writes; without them it can.
        }
        try
        {
            return new XLWorkbook(WithoutComments(copy.ToArray()));
        }
        catch (Exception)
        {
            // Still unreadable for ClosedXML: the problem list alone.
            return null;
        }
    }

    /// <summary>The same package without cell comments and their VML drawings (the uploader's old notes are lost, ours are added).</summary>
    private static MemoryStream WithoutComments(byte[] bytes)
    {
        var ms = new MemoryStream();
        ms.Write(bytes);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            foreach (var sheet in doc.WorkbookPart?.WorksheetParts ?? [])
            {
                if (sheet.WorksheetCommentsPart is { } comments)
                {
                    sheet.DeletePart(comments);
                }
                foreach (var vml in sheet.VmlDrawingParts.ToList())
                {
                    sheet.DeletePart(vml);
                }
                foreach (var legacy in sheet.Worksheet.Elements<LegacyDrawing>().ToList())
                {
                    legacy.Remove();
                }
                sheet.Worksheet.Save();
            }
        }
        ms.Position = 0;
        return ms;
    }

    private static XLWorkbook NewWorkbook()
    {
        var wb = new XLWorkbook();
        wb.Style.Font.FontName = TemplateWriter.Font;
        wb.Style.Font.FontSize = 12;
        return wb;
    }

    // Each marked cell gets a defined name: it follows the cell through inserted rows and LibreOffice,
    // so a feedback workbook sent back (fixed or not) starts clean instead of showing stale marks.
    private const string MarkPrefix = "DV__MARK_";

    private static void ClearEarlierFeedback(XLWorkbook wb)
    {
        foreach (var name in wb.NamedRanges.Where(n => n.Name.StartsWith(MarkPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            foreach (var cell in name.Ranges.Select(r => r.FirstCell()))
            {
                cell.Style.Fill.SetBackgroundColor(TemplateWriter.InputFill);
                cell.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorderColor(XLColor.Black);
                if (cell.HasComment)
                {
                    cell.Comment.Delete();
                }
            }
            wb.NamedRanges.Delete(name.Name);
        }
        foreach (var old in wb.Worksheets.Where(w => w.Name.StartsWith(ProblemSheet, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            old.Delete();
        }
    }

    private static void MarkCells(XLWorkbook wb, CheckResult result)
    {
        var n = 0;
        foreach (var group in result.Problems.Where(p => p.Sheet is not null && p.Cell is not null).GroupBy(p => (p.Sheet!, p.Cell!)))
        {
            if (!wb.TryGetWorksheet(group.Key.Item1, out var ws))
            {
                continue;
            }
            var cell = ws.Cell(group.Key.Item2);
            var isError = group.Any(p => p.Severity == Severity.Error);
            cell.Style.Fill.SetBackgroundColor(isError ? ErrorFill : WarningFill);
            cell.Style.Border.SetOutsideBorder(XLBorderStyleValues.Medium).Border.SetOutsideBorderColor(isError ? XLColor.Red : XLColor.Orange);
            var text = string.Join("\n", group.Select(p => $"{Label(p.Severity)}: {p.MessageVi}"));
            if (cell.HasComment)
            {
                cell.Comment.Delete();
            }
            cell.Comment.SetAuthor("DanVan");
            cell.Comment.AddText(text);
            cell.Comment.Style.Size.SetAutomaticSize();
            wb.NamedRanges.Add(MarkPrefix + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture), cell.AsRange());
        }
    }

    private static IXLWorksheet AddProblemSheet(XLWorkbook wb, string fileName, CheckResult result, bool own)
    {
        var name = ProblemSheet;
        for (var i = 2; wb.Worksheets.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)); i++)
        {
            name = $"{ProblemSheet} ({i})";
        }
        var ws = wb.Worksheets.Add(name, 1);
        ws.Style.Font.FontName = TemplateWriter.Font;
        ws.Style.Font.FontSize = 12;
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 12;
        ws.Column(3).Width = 14;
        ws.Column(4).Width = 8;
        ws.Column(5).Width = 22;
        ws.Column(6).Width = 80;

        var title = ws.Range(1, 1, 1, 6).Merge();
        TemplateWriter.SetText(title.FirstCell(), "KẾT QUẢ KIỂM TRA BÁO CÁO");
        title.Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var row = 3;
        void Line(string label, string value)
        {
            TemplateWriter.SetText(ws.Cell(row, 1), label).Style.Font.SetBold();
            ws.Range(row, 1, row, 2).Merge();
            TemplateWriter.SetText(ws.Cell(row, 3), value);
            ws.Range(row, 3, row, 6).Merge();
            row++;
        }
        Line("Tệp:", fileName);
        if (result.Identity is { } id)
        {
            Line("Đơn vị báo cáo:", id.UnitCode);
            Line("Kỳ báo cáo:", id.Period == default ? string.Empty : ReportingCalendar.NameVi(id.Period));
        }
        Line("Trạng thái:", result.Outcome.Vi());
        Line("Số lỗi / cảnh báo:", $"{result.ErrorCount} lỗi, {result.WarningCount} cảnh báo");
        if (own && result.Problems.Any(p => p.Cell is not null))
        {
            Line("Ghi chú:", "Các ô có lỗi được tô màu đỏ, ô có cảnh báo tô màu vàng, kèm ghi chú tại ô.");
        }
        row++;

        var header = new[] { "STT", "Mức độ", "Trang tính", "Ô", "Chỉ tiêu", "Nội dung" };
        for (var c = 0; c < header.Length; c++)
        {
            TemplateWriter.SetText(ws.Cell(row, c + 1), header[c]);
        }
        var headerRange = ws.Range(row, 1, row, header.Length);
        headerRange.Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#D9E1F2"));
        var firstRow = row;
        row++;
        if (result.Problems.Count == 0)
        {
            TemplateWriter.SetText(ws.Cell(row, 6), "Không có lỗi hay cảnh báo.");
            row++;
        }
        var n = 1;
        foreach (var p in result.Problems)
        {
            ws.Cell(row, 1).SetValue(n++);
            TemplateWriter.SetText(ws.Cell(row, 2), Label(p.Severity));
            TemplateWriter.SetText(ws.Cell(row, 3), p.Sheet ?? string.Empty);
            TemplateWriter.SetText(ws.Cell(row, 4), p.Cell ?? string.Empty);
            TemplateWriter.SetText(ws.Cell(row, 5), p.IndicatorCode ?? string.Empty);
            TemplateWriter.SetText(ws.Cell(row, 6), p.MessageVi);
            ws.Cell(row, 6).Style.Alignment.SetWrapText();
            ws.Row(row).Height = Math.Max(1, Math.Ceiling(p.MessageVi.Length / 90.0)) * 16;
            ws.Range(row, 1, row, 2).Style.Fill.SetBackgroundColor(p.Severity == Severity.Error ? ErrorFill : WarningFill);
            row++;
        }
        ws.Range(firstRow, 1, row - 1, header.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin)
            .Border.SetInsideBorder(XLBorderStyleValues.Thin).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
        return ws;
    }

    private static string Label(Severity severity) => severity == Severity.Error ? "Lỗi" : "Cảnh báo";
}
