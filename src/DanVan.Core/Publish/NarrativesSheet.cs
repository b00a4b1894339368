using ClosedXML.Excel;
using DanVan.Core.Calendar;

namespace DanVan.Core.Publish;

/// <summary>"Kiến nghị": every unit's narrative fields gathered by field (Kết quả nổi bật; Hạn chế; Kiến nghị), as written.</summary>
internal static class NarrativesSheet
{
    public const string Name = "Kiến nghị";
    private const double TextWidth = 90;
    private const int HeaderRow = 3;

    public static StreamedBody Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 30;
        ws.Column(3).Width = 16;
        ws.Column(4).Width = TextWidth;
        const int last = 4;
        SheetKit.TitleLine(ws, 1, last, $"KIẾN NGHỊ, ĐỀ XUẤT VÀ ĐÁNH GIÁ CỦA CÁC ĐƠN VỊ - {VnText.PeriodTitle(r.Period.Key)}");
        SheetKit.TitleLine(ws, 2, last, VnText.Window(r.Period), bold: false, italic: true, size: 11);
        string[] headers = ["STT", "Đơn vị báo cáo", "Kỳ", "Nội dung"];
        SheetKit.StreamedHeader(ws, HeaderRow, headers, 30);
        return new StreamedBody(Name, HeaderRow + 1, () => Rows(view));
    }

    private static IEnumerable<BodyRow> Rows(ResultView view)
    {
        var r = view.Result;
        var byField = r.Narratives.ToLookup(n => n.IndicatorCode, StringComparer.Ordinal);
        var field = 0;
        foreach (var indicator in r.Indicators.Where(i => !i.IsNumeric))
        {
            yield return new BodyRow(
            [
                BodyCell.Of(UnitsSheet.Roman(++field), CellKind.Center, RowFill.Group),
                BodyCell.Of(indicator.NameVi, CellKind.Text, RowFill.Group),
                BodyCell.Of((string?)null, CellKind.Text, RowFill.Group),
                BodyCell.Of((string?)null, CellKind.Text, RowFill.Group),
            ]);
            var stt = 0;
            foreach (var n in byField[indicator.Code])
            {
                yield return new BodyRow(
                [
                    new BodyCell(CellKind.Wrap, RowFill.None, null, ++stt),
                    BodyCell.Of(n.UnitNameVi, CellKind.Wrap),
                    BodyCell.Of(ReportingCalendar.NameVi(n.Quarter), CellKind.Wrap),
                    BodyCell.Of(n.Text, CellKind.Wrap),
                ], SheetKit.WrappedHeight(n.Text, TextWidth));
            }
            if (stt == 0)
            {
                yield return new BodyRow(
                [
                    BodyCell.Of((string?)null), BodyCell.Of((string?)null), BodyCell.Of((string?)null),
                    BodyCell.Of("(Không có đơn vị nào ghi nội dung này.)"),
                ]);
            }
        }
    }
}
