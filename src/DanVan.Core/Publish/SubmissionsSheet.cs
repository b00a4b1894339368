using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Registry;

namespace DanVan.Core.Publish;

/// <summary>"Tình hình nộp báo cáo": each expected unit's state, received time (Vietnam time), versions.</summary>
internal static class SubmissionsSheet
{
    public const string Name = "Tình hình nộp báo cáo";
    private const int HeaderRow = 4;

    public static StreamedBody Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        string[] headers =
        [
            "STT", "Mã đơn vị", "Đơn vị báo cáo", "Cấp", "Thuộc huyện", "Tình trạng",
            "Thời điểm nhận (lần tiếp nhận đầu tiên)", "Lần tiếp nhận gần nhất", "Điều chỉnh sau hạn", "Số phiên bản đã tiếp nhận", "Số lần gửi",
        ];
        double[] widths = [6, 10, 32, 16, 22, 14, 18, 18, 12, 12, 10];
        SheetKit.Widths(ws, widths);
        var last = headers.Length;
        var lastQuarter = r.Period.Key.Quarters[^1];
        SheetKit.TitleLine(ws, 1, last, $"TÌNH HÌNH GỬI BÁO CÁO - {VnText.PeriodTitle(r.Period.Key)}");
        var basis = r.Period.Key.IsCumulative ? $" Tình hình gửi tính theo báo cáo {ReportingCalendar.NameVi(lastQuarter)}." : "";
        SheetKit.TitleLine(ws, 2, last, VnText.Deadline(r.Period) + "." + basis, bold: false, italic: true, size: 11);
        SheetKit.TitleLine(ws, 3, last, VnText.CompletenessLine(r.Completeness), bold: false, size: 11);
        SheetKit.StreamedHeader(ws, HeaderRow, headers, 48);
        return new StreamedBody(Name, HeaderRow + 1, () => Rows(r));
    }

    private static IEnumerable<BodyRow> Rows(ConsolidationResult r)
    {
        var districtNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in r.Units.Where(u => u.Level == UnitLevel.Huyen))
        {
            districtNames.TryAdd(d.Code, d.NameVi);
        }
        var stt = 0;
        foreach (var u in r.Units.Where(u => u.Status != UnitStatus.Reorganised))
        {
            var fill = u.Status switch { UnitStatus.Missing => RowFill.Missing, UnitStatus.Late => RowFill.Late, _ => RowFill.None };
            var district = u.Level == UnitLevel.Xa && u.DistrictCode is { } d ? districtNames.GetValueOrDefault(d, d) : null;
            yield return new BodyRow(
            [
                new BodyCell(CellKind.Center, fill, null, ++stt),
                BodyCell.Of(u.Code, CellKind.Center, fill),
                BodyCell.Of(u.NameVi, CellKind.Text, fill),
                BodyCell.Of(Scopes.LevelNameVi(u.Level), CellKind.Text, fill),
                BodyCell.Of(district, CellKind.Text, fill),
                BodyCell.Of(VnText.Status(u.Status), CellKind.Center, fill),
                BodyCell.Of(u.FirstAcceptedUtc is { } first ? VnText.DateTime(first) : null, CellKind.Center, fill),
                BodyCell.Of(u.LatestAcceptedUtc is { } latest ? VnText.DateTime(latest) : null, CellKind.Center, fill),
                BodyCell.Of(u.CorrectedAfterDeadline ? "có" : null, CellKind.Center, fill),
                new BodyCell(CellKind.Center, fill, null, u.Versions),
                new BodyCell(CellKind.Center, fill, null, u.Uploads),
            ]);
        }
    }
}
