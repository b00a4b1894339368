using System.Globalization;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>
/// Vietnamese renderings we produce ourselves (never left to the viewer's locale):
/// grouping 1.234.567, decimal comma 12,5, dates dd/MM/yyyy in Vietnam time.
/// </summary>
public static class VnText
{
    private static readonly NumberFormatInfo Vn = Text.ViFormat.Numbers;

    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static string Integer(long value) => Text.ViFormat.Number(value);

    /// <summary>Whole numbers without decimals, others with one decimal: 1.234 / 12,5.</summary>
    public static string Number(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("#,##0", Vn) : value.ToString("#,##0.0", Vn);

    /// <summary>A ratio in percent with one decimal (95,5); "—" when there is no value.</summary>
    public static string Ratio(decimal? value) => value is { } v ? v.ToString("#,##0.0", Vn) : Dash;

    /// <summary>A change with its sign: +1.234, -5, +2,5; 0 for no change.</summary>
    public static string Change(decimal value, bool ratio) =>
        (value > 0 ? "+" : "") + (ratio ? value.ToString("#,##0.0", Vn) : Number(value));

    public const string Dash = "—";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset utc) => utc.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// "Quảng Ngãi, ngày 17 tháng 9 năm 2025". Decree 30/2020 writes days below 10 and months 1 and 2 with a
    /// leading zero ("ngày 05 tháng 02 năm 2026"); other months without.
    /// </summary>
    public static string PlaceAndDate(DateTimeOffset builtUtc)
    {
        var d = builtUtc.ToOffset(VietnamOffset);
        var day = d.Day.ToString(d.Day < 10 ? "00" : "0", CultureInfo.InvariantCulture);
        var month = d.Month.ToString(d.Month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"Quảng Ngãi, ngày {day} tháng {month} năm {d.Year}");
    }

    public static string Window(ReportingPeriod period) =>
        $"Thời gian chốt số liệu: từ ngày {Date(period.WindowStart)} đến ngày {Date(period.WindowEnd)}";

    public static string Deadline(ReportingPeriod period) =>
        $"Hạn gửi báo cáo: {DateTime(period.DeadlineUtc)} (giờ Việt Nam)";

    /// <summary>"Đã nhận 95/110 báo cáo, 5 nộp muộn, 15 chưa nộp" (+ corrections after the deadline when any).</summary>
    public static string CompletenessLine(Completeness c)
    {
        var line = $"Đã nhận {Integer(c.Received)}/{Integer(c.Expected)} báo cáo, {Integer(c.Late)} nộp muộn, {Integer(c.Missing)} chưa nộp";
        return c.CorrectedAfterDeadline > 0 ? $"{line}, {Integer(c.CorrectedAfterDeadline)} gửi bản điều chỉnh sau hạn" : line;
    }

    public static string Status(UnitStatus status) => status switch
    {
        UnitStatus.OnTime => "đúng hạn",
        UnitStatus.Late => "nộp muộn",
        UnitStatus.Missing => "chưa nộp",
        _ => "đã sắp xếp lại",
    };

    /// <summary>The status column of "Theo đơn vị": the state plus quarters missing from a cumulative period.</summary>
    public static string UnitStatusLine(UnitRow u) =>
        u.QuartersMissing.Count > 0 && u.Sources.Count > 0
            ? $"{Status(u.Status)}; thiếu {string.Join(", ", u.QuartersMissing.Select(q => ReportingCalendar.NameVi(q)))}"
            : Status(u.Status);

    /// <summary>"Quý I/2027": a quarter in a list.</summary>
    public static string QuarterShort(PeriodKey quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"Quý {RomanQuarters[quarter.Quarter - 1]}/{quarter.Year}");

    private static readonly string[] RomanQuarters = ["I", "II", "III", "IV"];

    /// <summary>
    /// Which catalogue versions a consolidation combined, e.g. "Tổng hợp từ danh mục chỉ tiêu phiên bản 1 (Quý I/2027)
    /// và phiên bản 2 (Quý II/2027)"; with more than one version it says how they were combined.
    /// </summary>
    public static string CatalogueVersionsLine(IReadOnlyList<CatalogueUse> uses)
    {
        var parts = uses.Select(u => $"phiên bản {u.Version} ({string.Join(", ", u.Quarters.Select(QuarterShort))})").ToArray();
        return parts.Length switch
        {
            0 => "",
            1 => $"Tổng hợp theo danh mục chỉ tiêu {parts[0]}.",
            _ => $"Tổng hợp từ danh mục chỉ tiêu {string.Join(", ", parts[..^1])} và {parts[^1]}: số liệu cộng theo mã chỉ tiêu, "
                + $"tên chỉ tiêu theo phiên bản {uses[^1].Version}; chỉ tiêu đã thôi theo dõi chỉ hiện khi có số liệu.",
        };
    }

    public static string PeriodTitle(PeriodKey key) => ReportingCalendar.NameVi(key).ToUpper(CultureInfo.GetCultureInfo("vi-VN"));
}
