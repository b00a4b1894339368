using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>"Nguồn dữ liệu": which report version and content hash each unit's figures came from; build time and code version.</summary>
internal static class SourcesSheet
{
    public const string Name = "Nguồn dữ liệu";
    private const int HeaderRow = 6;

    public static StreamedBody Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        string[] headers =
        [
            "STT", "Mã đơn vị", "Đơn vị báo cáo", "Quý", "Phiên bản báo cáo (lần gửi thứ)", "Mã lần gửi",
            "Thời điểm nhận", "Phiên bản danh mục chỉ tiêu", "Mã băm nội dung (SHA-256)",
        ];
        double[] widths = [6, 10, 32, 16, 14, 28, 18, 12, 70];
        SheetKit.Widths(ws, widths);
        var last = headers.Length;
        SheetKit.TitleLine(ws, 1, last, $"NGUỒN DỮ LIỆU - {VnText.PeriodTitle(r.Period.Key)}");
        Info(ws, 2, last, $"Thời điểm lập báo cáo tổng hợp: {VnText.DateTime(r.BuiltUtc)} (giờ Việt Nam)");
        Info(ws, 3, last, $"Phiên bản chương trình: {r.CodeVersion}");
        Info(ws, 4, last, $"Mã kiểm tra nội dung (SHA-256, không tính thời điểm lập): {r.Fingerprint}");
        Info(ws, 5, last, $"Số liệu của mỗi đơn vị lấy từ phiên bản báo cáo hiện hành đã được tiếp nhận, liệt kê dưới đây. {VnText.CatalogueVersionsLine(r.CatalogueVersions)}".TrimEnd());
        SheetKit.StreamedHeader(ws, HeaderRow, headers, 48);
        return new StreamedBody(Name, HeaderRow + 1, () => Rows(r));
    }

    private static IEnumerable<BodyRow> Rows(ConsolidationResult r)
    {
        var stt = 0;
        foreach (var u in r.Units)
        {
            if (u.Sources.Count == 0)
            {
                yield return new BodyRow(
                [
                    new BodyCell(CellKind.Center, RowFill.Missing, null, ++stt),
                    BodyCell.Of(u.Code, CellKind.Center, RowFill.Missing),
                    BodyCell.Of(u.NameVi, CellKind.Text, RowFill.Missing),
                    BodyCell.Of(VnText.Status(UnitStatus.Missing), CellKind.Center, RowFill.Missing),
                    .. Enumerable.Repeat(BodyCell.Of((string?)null, CellKind.Text, RowFill.Missing), 5),
                ]);
                continue;
            }
            foreach (var s in u.Sources)
            {
                yield return new BodyRow(
                [
                    new BodyCell(CellKind.Center, RowFill.None, null, ++stt),
                    BodyCell.Of(u.Code, CellKind.Center),
                    BodyCell.Of(u.NameVi),
                    BodyCell.Of(ReportingCalendar.NameVi(s.Quarter), CellKind.Center),
                    new BodyCell(CellKind.Center, RowFill.None, null, s.Version),
                    BodyCell.Of(s.SubmissionId),
                    BodyCell.Of(VnText.DateTime(s.ReceivedUtc), CellKind.Center),
                    new BodyCell(CellKind.Center, RowFill.None, null, s.CatalogueVersion),
                    BodyCell.Of(s.ContentHash),
                ]);
            }
        }
    }

    private static void Info(IXLWorksheet ws, int row, int last, string text)
    {
        var range = ws.Range(row, 1, row, last).Merge();
        range.FirstCell().Text(text);
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }
}
