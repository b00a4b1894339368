using ClosedXML.Excel;

namespace DanVan.Core.Publish;

/// <summary>
/// ClosedXML owns the stylesheet, so every (kind, fill) combination is written once as a probe cell on the first
/// body row; the splicer reads back the style index ClosedXML gave each probe and streams the real rows with it.
/// </summary>
internal static class StyleProbe
{
    public static readonly int Kinds = Enum.GetValues<CellKind>().Length;
    public static readonly int Fills = Enum.GetValues<RowFill>().Length;

    /// <summary>The probe column (1-based) of a combination.</summary>
    public static int Column(CellKind kind, RowFill fill) => 1 + (int)kind * Fills + (int)fill;

    public static void Write(IXLWorksheet ws, int row)
    {
        foreach (var kind in Enum.GetValues<CellKind>())
        {
            foreach (var fill in Enum.GetValues<RowFill>())
            {
                var cell = ws.Cell(row, Column(kind, fill));
                cell.Text("probe");
                var s = cell.Style;
                s.Border.TopBorder = XLBorderStyleValues.Thin;
                s.Border.BottomBorder = XLBorderStyleValues.Thin;
                s.Border.LeftBorder = XLBorderStyleValues.Thin;
                s.Border.RightBorder = XLBorderStyleValues.Thin;
                s.Alignment.Vertical = kind == CellKind.Wrap ? XLAlignmentVerticalValues.Top : XLAlignmentVerticalValues.Center;
                switch (kind)
                {
                    case CellKind.Center:
                        s.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
                        break;
                    case CellKind.Number:
                        s.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                        s.NumberFormat.Format = SheetKit.CountFormat;
                        break;
                    case CellKind.Ratio:
                        s.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                        break;
                    case CellKind.Wrap:
                        s.Alignment.WrapText = true;
                        break;
                    case CellKind.Indent:
                        s.Alignment.Indent = 1;
                        break;
                }
                switch (fill)
                {
                    case RowFill.Group:
                        s.Font.Bold = true;
                        s.Fill.BackgroundColor = SheetKit.GroupFill;
                        break;
                    case RowFill.Missing:
                        s.Fill.BackgroundColor = SheetKit.MissingFill;
                        break;
                    case RowFill.Late:
                        s.Fill.BackgroundColor = SheetKit.LateFill;
                        break;
                }
            }
        }
    }
}
