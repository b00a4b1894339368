using ClosedXML.Excel;
using DanVan.Core.Consolidate;
using DanVan.Core.Registry;

namespace DanVan.Core.Publish;

/// <summary>
/// "Theo đơn vị": every unit's figures grouped by level, communes under their district with a subtotal
/// (district's own report + its communes). Built for 13,000 rows: values cell by cell, styles by whole ranges.
/// </summary>
internal static class UnitsSheet
{
    public const string Name = "Theo đơn vị";
    private const int FirstFigure = 5;
    private const int HeaderRow = 3;

    public static void Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Style.Font.FontSize = 11;
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
        ws.Range(HeaderRow + 1, FirstFigure, HeaderRow + 1, last).Style.Font.Bold = false;
        ws.Range(HeaderRow + 1, FirstFigure, HeaderRow + 1, last).Style.Font.Italic = true;

        var row = HeaderRow + 1;
        var bold = new List<int>();
        var missingRows = new List<int>();
        var lateCells = new List<int>();
        var indented = new List<int>();

        void Subtotal(string label, string? scope)
        {
            row++;
            ws.Cell(row, 3).Text(label);
            if (scope is not null && view.HasScope(scope))
            {
                for (var i = 0; i < n; i++)
                {
                    view.WriteAggregate(ws.Cell(row, FirstFigure + i), i, scope);
                }
            }
            bold.Add(row);
        }

        var stt = 0;
        void UnitLine(UnitRow u, bool indent)
        {
            row++;
            ws.Cell(row, 1).SetValue(++stt);
            ws.Cell(row, 2).Text(u.Code);
            ws.Cell(row, 3).Text(u.NameVi);
            ws.Cell(row, 4).Text(VnText.UnitStatusLine(u));
            if (!u.HasNoFigures)
            {
                for (var i = 0; i < n; i++)
                {
                    view.WriteUnit(ws.Cell(row, FirstFigure + i), i, u);
                }
            }
            if (u.Status == UnitStatus.Missing)
            {
                missingRows.Add(row);
            }
            else if (u.Status == UnitStatus.Late)
            {
                lateCells.Add(row);
            }
            if (indent)
            {
                indented.Add(row);
            }
        }

        Subtotal("TỔNG CỘNG TOÀN TỈNH", Scopes.Province);
        var groups = 0;
        var departments = r.Units.Where(u => u.Level == UnitLevel.So).ToArray();
        if (departments.Length > 0)
        {
            Subtotal($"{Roman(++groups)}. SỞ, BAN, NGÀNH", Scopes.Level(UnitLevel.So));
            foreach (var u in departments)
            {
                UnitLine(u, false);
            }
        }
        var districts = r.Units.Where(u => u.Level == UnitLevel.Huyen).ToArray();
        if (districts.Length > 0)
        {
            Subtotal($"{Roman(++groups)}. UBND CẤP HUYỆN VÀ CẤP XÃ TRỰC THUỘC", null);
            var communesOf = r.Units.Where(u => u.Level == UnitLevel.Xa && u.DistrictCode is not null).ToLookup(u => u.DistrictCode!, StringComparer.OrdinalIgnoreCase);
            foreach (var d in districts)
            {
                Subtotal($"{d.NameVi} (gồm các xã)", Scopes.District(d.Code));
                UnitLine(d, true);
                foreach (var c in communesOf[d.Code])
                {
                    UnitLine(c, true);
                }
            }
        }
        var direct = r.Units.Where(u => u.Level == UnitLevel.Xa && u.DistrictCode is null).ToArray();
        if (direct.Length > 0)
        {
            // LEVEL:XA is every commune; it is this group's subtotal only when no commune sits under a district.
            var allDirect = direct.Length == r.Units.Count(u => u.Level == UnitLevel.Xa);
            Subtotal($"{Roman(++groups)}. UBND CẤP XÃ", allDirect ? Scopes.Level(UnitLevel.Xa) : null);
            foreach (var u in direct)
            {
                UnitLine(u, false);
            }
        }

        var body = HeaderRow + 2;
        SheetKit.Body(ws, body, row, last);
        if (n > 0 && row >= body)
        {
            var figures = ws.Range(body, FirstFigure, row, last);
            figures.Style.NumberFormat.Format = SheetKit.CountFormat;
            figures.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        }
        ws.Range(body, 1, Math.Max(body, row), 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        foreach (var b in bold)
        {
            var range = ws.Range(b, 1, b, last);
            range.Style.Font.Bold = true;
            range.Style.Fill.BackgroundColor = SheetKit.GroupFill;
        }
        foreach (var m in missingRows)
        {
            ws.Range(m, 1, m, last).Style.Fill.BackgroundColor = SheetKit.MissingFill;
        }
        foreach (var l in lateCells)
        {
            ws.Cell(l, 4).Style.Fill.BackgroundColor = SheetKit.LateFill;
        }
        foreach (var i in indented)
        {
            ws.Cell(i, 3).Style.Alignment.Indent = 1;
        }

        ws.SheetView.Freeze(HeaderRow + 1, 4);
        SheetKit.PageSetup(ws, landscape: true, HeaderRow, HeaderRow + 1);
    }

    internal static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
