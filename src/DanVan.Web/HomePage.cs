using System.Text;
using DanVan.Pipeline;

namespace DanVan.Web;

/// <summary>The year's reporting calendar with a link to each period's status and workbook.</summary>
internal static class HomePage
{
    public static string Render(ReferenceData reference, DateTimeOffset nowUtc)
    {
        var calendar = reference.Calendar;
        var year = calendar.VietnamDate(nowUtc).Year;
        var sb = new StringBuilder();
        sb.Append("<p><a class=\"button\" href=\"/gui-bao-cao\">Gửi báo cáo / tải biểu mẫu</a> <a href=\"/dang-nhap\">Đăng nhập (Sở Nội vụ, lãnh đạo)</a></p>");
        sb.Append("<p>Các kỳ báo cáo năm ").Append(year).Append(" và năm ").Append(year + 1).Append(". Chọn một kỳ để xem tình hình gửi báo cáo hoặc tải báo cáo tổng hợp.</p>");
        sb.Append("<table><thead><tr><th>Kỳ báo cáo</th><th>Thời gian chốt số liệu</th><th>Hạn gửi báo cáo</th><th></th><th></th></tr></thead><tbody>");
        foreach (var p in calendar.Year(year).Concat(calendar.Year(year + 1)))
        {
            var deadline = calendar.ToVietnamTime(p.DeadlineUtc);
            sb.Append("<tr><td>").Append(Layout.E(p.NameVi)).Append("</td><td>từ ngày ")
              .Append(p.WindowStart.ToString("dd/MM/yyyy")).Append(" đến ngày ").Append(p.WindowEnd.ToString("dd/MM/yyyy"))
              .Append("</td><td>").Append(deadline.ToString("HH:mm dd/MM/yyyy")).Append("</td><td><a href=\"/ky/").Append(p.Key)
              .Append("\">Tình hình gửi báo cáo</a></td><td><a href=\"/tai-ve/").Append(p.Key).Append("\">Tải báo cáo tổng hợp</a></td></tr>");
        }
        sb.Append("</tbody></table>");
        return Layout.Page("Báo cáo công tác dân vận", sb.ToString());
    }
}
