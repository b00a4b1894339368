using ClosedXML.Excel;

namespace DanVan.Core.Publish;

/// <summary>Shared layout of every sheet: fonts, colours, number formats, page setup, safe text cells.</summary>
internal static class SheetKit
{
    public const string Font = "Times New Roman";

    /// <summary>
    /// Whole numbers with Vietnamese grouping whatever the viewer's locale: "#,##0" would print 1,234 on an
    /// English-locale machine, so the dots are literals chosen by magnitude (values are never negative; from
    /// 1.000.000.000 the leading group is not split). Cells stay numeric, so they can still be summed.
    /// </summary>
    public const string CountFormat = @"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0";

    /// <summary>A share with no decimals renders the same in every locale.</summary>
    public const string PercentFormat = "0%";

    public static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    public static readonly XLColor GroupFill = XLColor.FromHtml("#F2F2F2");
    public static readonly XLColor MissingFill = XLColor.FromHtml("#F8CBAD");
    public static readonly XLColor LateFill = XLColor.FromHtml("#FFE699");
    public static readonly XLColor BarColor = XLColor.FromHtml("#5B9BD5");

    /// <summary>Agency and user text always goes in as a string, never as a formula ("=..." stays text).</summary>
    public static IXLCell Text(this IXLCell cell, string? text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(text ?? "");
        cell.DataType = XLDataType.Text;
        return cell;
    }

    public static void PageSetup(IXLWorksheet ws, bool landscape, int repeatFrom, int repeatTo)
    {
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.Margins.SetLeft(0.6).SetRight(0.4).SetTop(0.6).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
        ws.PageSetup.CenterHorizontally = true;
        if (repeatTo >= repeatFrom && repeatFrom > 0)
        {
            ws.PageSetup.SetRowsToRepeatAtTop(repeatFrom, repeatTo);
        }
        ws.PageSetup.Footer.Center.AddText("Trang ");
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        ws.PageSetup.Footer.Center.AddText("/");
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages);
    }

    /// <summary>A bold, centred, wrapped, bordered header row over columns 1..<paramref name="columns"/>.</summary>
    public static void HeaderRow(IXLWorksheet ws, int row, int columns, double height = 45)
    {
        var range = ws.Range(row, 1, row, columns);
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = HeaderFill;
        range.Style.Alignment.WrapText = true;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        ws.Row(row).Height = height;
    }

    /// <summary>Thin borders over a table body in one range operation (no per-cell styling).</summary>
    public static void Body(IXLWorksheet ws, int firstRow, int lastRow, int columns)
    {
        if (lastRow < firstRow)
        {
            return;
        }
        var range = ws.Range(firstRow, 1, lastRow, columns);
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
    }

    /// <summary>A sheet title line merged across the table, e.g. "SỐ LIỆU THEO ĐƠN VỊ - QUÝ III NĂM 2025".</summary>
    public static void TitleLine(IXLWorksheet ws, int row, int columns, string text, bool bold = true, bool italic = false, double size = 13)
    {
        var range = ws.Range(row, 1, row, Math.Max(columns, 1)).Merge();
        range.FirstCell().Text(text);
        range.Style.Font.Bold = bold;
        range.Style.Font.Italic = italic;
        range.Style.Font.FontSize = size;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
    }

    /// <summary>Approximate row height for wrapped text in a column of <paramref name="width"/> characters (Excel does not re-measure on open).</summary>
    public static double WrappedHeight(string text, double width, double lineHeight = 15.5)
    {
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines += Math.Max(1, (int)Math.Ceiling(paragraph.Length / Math.Max(width * 1.1, 1)));
        }
        return Math.Min(409, Math.Max(1, lines) * lineHeight + 3);
    }

    public static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }
    }

    /// <summary>The header row of a sheet whose body is streamed in later: headers, style probe, frozen, printed on every page.</summary>
    public static void StreamedHeader(IXLWorksheet ws, int headerRow, IReadOnlyList<string> headers, double height)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            ws.Cell(headerRow, c + 1).Text(headers[c]);
        }
        HeaderRow(ws, headerRow, headers.Count, height);
        StyleProbe.Write(ws, headerRow + 1);
        ws.SheetView.FreezeRows(headerRow);
        PageSetup(ws, landscape: true, headerRow, headerRow);
    }
}
