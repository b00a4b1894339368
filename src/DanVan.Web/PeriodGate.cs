using System.Globalization;
using DanVan.Core.Calendar;
using DanVan.Core.Text;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;

namespace DanVan.Web;

/// <summary>
/// What the portal refuses before it builds anything: a template for a quarter whose data window has not started
/// or that is closed (and not reopened for the unit). (Uploads over the size limit: PortalGuards.)
/// </summary>
public static class PeriodGate
{
    /// <summary>Why no template (or report) is taken for this quarter now, or null.</summary>
    public static async Task<string?> PeriodRefusalAsync(PeriodKey period, string unitCode, ReferenceData reference, ReopeningStore reopenings, DateTimeOffset now, CancellationToken ct)
    {
        var rp = reference.Calendar.Get(period);
        if (!reference.Calendar.HasStarted(rp, now))
        {
            return $"Chưa đến kỳ báo cáo {rp.NameVi}: thời gian chốt số liệu bắt đầu từ ngày {ViFormat.Date(rp.WindowStart)}.";
        }
        if (rp.IsClosed(now) && !await reopenings.IsReopenedAsync(period, unitCode, ct))
        {
            var closed = reference.Calendar.ToVietnamTime(rp.CloseUtc);
            return $"Kỳ báo cáo {rp.NameVi} đã khóa từ {closed.ToString("HH:mm", CultureInfo.InvariantCulture)} ngày {ViFormat.Date(DateOnly.FromDateTime(closed.DateTime))}. Nếu cần gửi bổ sung, vui lòng liên hệ Sở Nội vụ để mở lại kỳ báo cáo.";
        }
        return null;
    }
}
