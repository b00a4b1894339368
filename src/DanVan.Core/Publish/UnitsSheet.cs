using ClosedXML.Excel;
using DanVan.Core.Consolidate;
using DanVan.Core.Registry;

namespace DanVan.Core.Publish;

/// <summary>
/// "Theo đơn vị": every unit's figures grouped by level, communes under their district with a subtotal
/// (district's own report + its communes); missing units highlighted and left blank, never zeros.
/// ClosedXML writes the skeleton; the body rows are streamed (13,000 units × 34 figures).
/// </summary>
internal static class UnitsSheet
{
    public const string Name = "Theo đơn vị";
    private const int FirstFigure = 5;
    private const int HeaderRow = 3;
    public const int FirstBodyRow = HeaderRow + 2;

    /// <summary>The print scale (%) of this sheet: 11 pt prints as about 9 pt on A4.</summary>
    public const int PrintScale = 80;

    public static StreamedBody Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        var n = view.Numeric.Count;
        var last = FirstFigure - 1 + n;

        ws.Column(1).Width = 6;
        ws.Column(2).Width = 10;
        ws.Column(3).Width = 32;
        ws.Column(4).Width = 16;
        if (n > 0)
        {
            ws.Columns(FirstFigure, last).Width = 13;
        }

        SheetKit.TitleLine(ws, 1, last, $"SỐ LIỆU THEO ĐƠN VỊ BÁO CÁO - {VnText.PeriodTitle(r.Period.Key)}");
        SheetKit.TitleLine(ws, 2, last, VnText.Window(r.Period), bold: false, italic: true, size: 11);
        string[] fixedHeaders = ["STT", "Mã đơn vị", "Đơn vị báo cáo", "Tình trạng"];
        for (var c = 0; c < fixedHeaders.Length; c++)
        {
            ws.Cell(HeaderRow, c + 1).Text(fixedHeaders[c]);
            ws.Range(HeaderRow, c + 1, HeaderRow + 1, c + 1).Merge();
        }
        for (var i = 0; i < n; i++)
        {
            ws.Cell(HeaderRow, FirstFigure + i).Text(view.Numeric[i].NameVi);
            ws.Cell(HeaderRow + 1, FirstFigure + i).Text(view.Numeric[i].UnitVi);
        }
        SheetKit.HeaderRow(ws, HeaderRow, last, 165);
        SheetKit.HeaderRow(ws, HeaderRow + 1, last, 18);
        if (n > 0)
        {
            ws.Range(HeaderRow + 1, FirstFigure, HeaderRow + 1, last).Style.Font.Bold = false;
            ws.Range(HeaderRow + 1, FirstFigure, HeaderRow + 1, last).Style.Font.Italic = true;
        }
        StyleProbe.Write(ws, FirstBodyRow);
        ws.SheetView.Freeze(HeaderRow + 1, 4);
        SheetKit.PageSetup(ws, landscape: true, HeaderRow, HeaderRow + 1);
        // Fitting 4 + 34 columns to one page width printed at about 30%, unreadable. Instead the sheet prints at a
        // fixed readable scale in page-wide blocks of figure columns, each page repeating the unit columns (A:D) and
        // the header rows: a reader follows a unit across pages by its name, not by a ruler.
        ws.PageSetup.Scale = PrintScale;
        ws.PageSetup.SetColumnsToRepeatAtLeft(1, FirstFigure - 1);
        ws.PageSetup.PageOrder = XLPageOrderValues.DownThenOver;
        return new StreamedBody(Name, FirstBodyRow, () => Rows(view));
    }

    private static IEnumerable<BodyRow> Rows(ResultView view)
    {
        var r = view.Result;
        var n = view.Numeric.Count;

        BodyRow Subtotal(string label, string? scope)
        {
            var cells = new BodyCell[FirstFigure - 1 + n];
            cells[0] = BodyCell.Of((string?)null, CellKind.Center, RowFill.Group);
            cells[1] = BodyCell.Of((string?)null, CellKind.Center, RowFill.Group);
            cells[2] = BodyCell.Of(label, CellKind.Text, RowFill.Group);
            cells[3] = BodyCell.Of((string?)null, CellKind.Center, RowFill.Group);
            var known = scope is not null && view.HasScope(scope);
            for (var i = 0; i < n; i++)
            {
                cells[FirstFigure - 1 + i] = known ? view.AggregateFigure(i, scope!, RowFill.Group) : BodyCell.Of((decimal?)null, RowFill.Group);
            }
            return new BodyRow(cells);
        }

        var stt = 0;
        BodyRow UnitLine(UnitRow u, bool indent)
        {
            var fill = u.Status == UnitStatus.Missing ? RowFill.Missing : RowFill.None;
            var cells = new BodyCell[FirstFigure - 1 + n];
            cells[0] = new BodyCell(CellKind.Center, fill, null, ++stt);
            cells[1] = BodyCell.Of(u.Code, CellKind.Center, fill);
            cells[2] = BodyCell.Of(u.NameVi, indent ? CellKind.Indent : CellKind.Text, fill);
            cells[3] = BodyCell.Of(VnText.UnitStatusLine(u), CellKind.Center, u.Status == UnitStatus.Late ? RowFill.Late : fill);
            for (var i = 0; i < n; i++)
            {
                cells[FirstFigure - 1 + i] = u.HasNoFigures ? BodyCell.Of((decimal?)null, fill) : view.UnitFigure(i, u, fill);
            }
            return new BodyRow(cells);
        }

        yield return Subtotal("TỔNG CỘNG TOÀN TỈNH", Scopes.Province);
        var groups = 0;
        var departments = r.Units.Where(u => u.Level == UnitLevel.So).ToArray();
        if (departments.Length > 0)
        {
            yield return Subtotal($"{Roman(++groups)}. SỞ, BAN, NGÀNH", Scopes.Level(UnitLevel.So));
            foreach (var u in departments)
            {
                yield return UnitLine(u, false);
            }
        }
        var districts = r.Units.Where(u => u.Level == UnitLevel.Huyen).ToArray();
        if (districts.Length > 0)
        {
            yield return Subtotal($"{Roman(++groups)}. UBND CẤP HUYỆN VÀ CẤP XÃ TRỰC THUỘC", null);
            var communesOf = r.Units.Where(u => u.Level == UnitLevel.Xa && u.DistrictCode is not null)
                .ToLookup(u => u.DistrictCode!, StringComparer.OrdinalIgnoreCase);
            foreach (var d in districts)
            {
                yield return Subtotal($"{d.NameVi} (gồm các xã)", Scopes.District(d.Code));
                yield return UnitLine(d, true);
                foreach (var c in communesOf[d.Code])
                {
                    yield return UnitLine(c, true);
                }
            }
        }
        var direct = r.Units.Where(u => u.Level == UnitLevel.Xa && u.DistrictCode is null).ToArray();
        if (direct.Length > 0)
        {
            // LEVEL:XA is every commune; it is this group's subtotal only when no commune sits under a district.
            var allDirect = direct.Length == r.Units.Count(u => u.Level == UnitLevel.Xa);
            yield return Subtotal($"{Roman(++groups)}. UBND CẤP XÃ", allDirect ? Scopes.Level(UnitLevel.Xa) : null);
            foreach (var u in direct)
            {
                yield return UnitLine(u, false);
            }
        }
    }

    internal static string Roman(int n) => n switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
