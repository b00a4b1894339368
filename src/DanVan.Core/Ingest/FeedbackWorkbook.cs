using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Packaging;
using DanVan.Core.Templates;

namespace DanVan.Core.Ingest;

/// <summary>
/// A clean copy of the upload with the problem cells marked (fill and comment), plus a first sheet listing
/// every problem. The uploader's package is never re-served: the copy is a fresh template for the unit, period
/// and catalogue the file names, with the values the uploader entered written into its input cells, so no part,
/// macro, link, object or formula of the upload travels back. When no template can be built from the upload
/// (not a workbook we may open, no usable identity), the feedback is a new workbook holding just the list.
/// </summary>
public static class FeedbackWorkbook
{
    public const string ProblemSheet = "Kết quả kiểm tra";

    private static readonly XLColor ErrorFill = XLColor.FromHtml("#F8CBAD");
    private static readonly XLColor WarningFill = XLColor.FromHtml("#FFE699");

    public static void Write(string fileName, CheckResult result, CheckContext context, Stream output)
    {
        XLWorkbook? wb = null;
        try
        {
            try
            {
                wb = CleanCopy(result, context);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
            {
                // An entry ClosedXML will not take: the problem list alone is still an answer, never a system error.
                wb?.Dispose();
                wb = null;
            }
            var own = wb is not null;
            wb ??= NewWorkbook();
            if (own)
            {
                MarkCells(wb, result);
            }
            var list = AddProblemSheet(wb, TextClip.Clip(fileName, TextClip.FileName), result, own);
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

    /// <summary>A fresh template of the identity the upload names, holding the uploader's entries; null when there is none to build.</summary>
    private static XLWorkbook? CleanCopy(CheckResult result, CheckContext context)
    {
        if (result.Problems.Any(p => ProblemCodes.Unopenable.Contains(p.Code))
            || result.Identity is not { } id
            || !string.Equals(id.TemplateId, TemplateNames.ReportTemplateId, StringComparison.Ordinal)
            || id.TemplateVersion is < 1 or > TemplateWriter.CurrentVersion
            || id.Period == default || id.Period.IsCumulative
            || context.Catalogues.Find(id.CatalogueVersion) is not { } catalogue)
        {
            return null;
        }
        var period = context.Calendar.Get(id.Period);
        if (context.Registry.FindByCode(id.UnitCode, period.WindowEnd) is not { } unit)
        {
            return null;
        }
        var template = new MemoryStream();
        TemplateWriter.Write(unit, period, catalogue, context.Registry, template);
        template.Position = 0;
        var wb = new XLWorkbook(template);
        foreach (var (code, content) in result.Entered)
        {
            if (InputCell(wb, code) is { } cell)
            {
                Enter(cell, content);
            }
        }
        return wb;
    }

    private static IXLCell? InputCell(XLWorkbook wb, string indicatorCode) =>
        wb.NamedRanges.TryGetValue(TemplateNames.ForIndicator(indicatorCode), out var range) ? range.Ranges.FirstOrDefault()?.FirstCell() : null;

    /// <summary>The value as entered; formulas are not copied (their cached result is, as what the clerk saw).</summary>
    private static void Enter(IXLCell cell, CellContent content)
    {
        switch (content.Kind)
        {
            case CellKind.Number:
                cell.SetValue(content.Number);
                break;
            case CellKind.Text:
            case CellKind.Boolean:
            case CellKind.Error:
                TemplateWriter.SetText(cell, TextClip.Clip(content.Text, TextClip.InCell));
                break;
        }
    }

    private static XLWorkbook NewWorkbook()
    {
        var wb = new XLWorkbook();
        wb.Style.Font.FontName = TemplateWriter.Font;
        wb.Style.Font.FontSize = 12;
        return wb;
    }

    private static void MarkCells(XLWorkbook wb, CheckResult result)
    {
        foreach (var group in result.Problems.Where(p => p.IndicatorCode is not null && p.Cell is not null).GroupBy(p => p.IndicatorCode!))
        {
            if (InputCell(wb, group.Key) is not { } cell)
            {
                continue;
            }
            var isError = group.Any(p => p.Severity == Severity.Error);
            cell.Style.Fill.SetBackgroundColor(isError ? ErrorFill : WarningFill);
            cell.Style.Border.SetOutsideBorder(XLBorderStyleValues.Medium).Border.SetOutsideBorderColor(isError ? XLColor.Red : XLColor.Orange);
            var text = string.Join("\n", group.Select(p => $"{Label(p.Severity)}: {p.MessageVi}"));
            cell.Comment.SetAuthor("DanVan");
            cell.Comment.AddText(TextClip.Clip(text, TextClip.InCell));
            cell.Comment.Style.Size.SetAutomaticSize();
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
            Line("Đơn vị báo cáo:", TextClip.Clip(id.UnitCode, TextClip.InMessage));
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
            TemplateWriter.SetText(ws.Cell(row, 3), TextClip.Clip(p.Sheet, TextClip.InMessage));
            TemplateWriter.SetText(ws.Cell(row, 4), TextClip.Clip(p.Cell, 20));
            TemplateWriter.SetText(ws.Cell(row, 5), p.IndicatorCode ?? string.Empty);
            TemplateWriter.SetText(ws.Cell(row, 6), TextClip.Clip(p.MessageVi, TextClip.InCell));
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
