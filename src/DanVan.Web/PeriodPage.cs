using System.Globalization;
using System.Text;
using DanVan.Core.Ingest;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Pipeline.Status;

namespace DanVan.Web;

/// <summary>One period: a completeness bar, then every expected unit's state; missing and late marked.</summary>
internal static class PeriodPage
{
    public static string Render(PeriodStatus status, ReportingCalendar calendar)
    {
        var sb = new StringBuilder();
        var p = status.Period;
        sb.Append("<p>Thời gian chốt số liệu: từ ngày ").Append(p.WindowStart.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
          .Append(" đến ngày ").Append(p.WindowEnd.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(". Hạn gửi báo cáo: ")
          .Append(calendar.ToVietnamTime(p.DeadlineUtc).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(".</p>");
        sb.Append("<p id=\"completeness\"><strong>Tình hình gửi báo cáo: ").Append(Layout.E(status.CompletenessVi)).Append("</strong></p>");
        sb.Append(CompletenessBar(status));
        var missing = status.Units.Where(u => !u.HasAcceptedReport).ToList();
        if (missing.Count > 0)
        {
            // The consolidator's first question is "who is missing": answer it before the long tables.
            sb.Append("<p id=\"missing\"><strong>Chưa nộp (").Append(missing.Count).Append("):</strong> ")
              .Append(Layout.E(string.Join(", ", missing.Select(u => u.Name)))).Append("</p>");
        }
        sb.Append(status.PublishedVersion > 0
            ? $"<p><a class=\"button\" href=\"/tai-ve/{p.Key}\">Tải báo cáo tổng hợp (phiên bản {status.PublishedVersion})</a></p>"
            : "<p>Chưa có báo cáo tổng hợp cho kỳ này.</p>");
        foreach (var level in status.Units.GroupBy(u => u.Level))
        {
            sb.Append("<h2>").Append(Scopes.LevelNameVi(level.Key)).Append(" (").Append(level.Count(u => u.HasAcceptedReport)).Append('/').Append(level.Count()).Append(")</h2>");
            sb.Append("<table><thead><tr><th>Mã</th><th>Đơn vị báo cáo</th><th>Trạng thái</th><th>Thời điểm gửi</th><th>Lần gửi</th></tr></thead><tbody>");
            foreach (var u in level)
            {
                var css = !u.HasAcceptedReport ? "missing" : u.Late ? "late" : "";
                var state = u.HasAcceptedReport ? (u.Late ? "nộp muộn" : "đúng hạn") + " — " + u.LastState!.Value.Vi() : u.LastState is { } s ? s.Vi() : "chưa nộp";
                sb.Append("<tr class=\"").Append(css).Append("\"><td>").Append(Layout.E(u.Code)).Append("</td><td>").Append(Layout.E(u.Name))
                  .Append("</td><td>").Append(Layout.E(state)).Append("</td><td>")
                  .Append(u.ReceivedUtc is { } at ? calendar.ToVietnamTime(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "")
                  .Append("</td><td class=\"num\">").Append(u.Uploads).Append("</td></tr>");
            }
            sb.Append("</tbody></table>");
        }
        return Layout.Page("Tình hình gửi báo cáo — " + p.NameVi, sb.ToString());
    }

    /// <summary>Received on time, late and missing as one stacked bar: the picture a consolidator reads first.</summary>
    private static string CompletenessBar(PeriodStatus s)
    {
        if (s.Expected == 0)
        {
            return "";
        }
        double W(int n) => 600.0 * n / s.Expected;
        var onTime = s.Received - s.Late;
        var x1 = W(onTime);
        var x2 = x1 + W(s.Late);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg role="img" aria-label="{Layout.E(s.CompletenessVi)}" width="100%" height="28" viewBox="0 0 600 28" preserveAspectRatio="none" style="max-width:1050px">
              <rect x="0" y="0" width="{x1:0.#}" height="28" fill="#2e7d32"><title>Đúng hạn: {onTime}</title></rect>
              <rect x="{x1:0.#}" y="0" width="{W(s.Late):0.#}" height="28" fill="#f0ad00"><title>Nộp muộn: {s.Late}</title></rect>
              <rect x="{x2:0.#}" y="0" width="{600 - x2:0.#}" height="28" fill="#c62828"><title>Chưa nộp: {s.Missing}</title></rect>
            </svg>
            <p><span class="ok">■ đúng hạn {onTime}</span> · <span style="color:#b07d00">■ nộp muộn {s.Late}</span> · <span class="bad">■ chưa nộp {s.Missing}</span></p>
            """);
    }
}
