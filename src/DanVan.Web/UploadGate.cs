using System.Globalization;
using DanVan.Core.Calendar;
using DanVan.Core.Text;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DanVan.Web;

/// <summary>
/// What the portal refuses before it reads or builds anything: an upload over the size limit (by its
/// Content-Length, and by a body limit for requests that send none), and a template or upload for a quarter whose
/// data window has not started or that is closed (and not reopened for the unit).
/// </summary>
public static class UploadGate
{
    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>A page saying the file is too large, or null; caps the request body so a request without a length cannot stream more.</summary>
    public static IResult? TooLarge(HttpRequest request, IngestOptions options, ReferenceData reference, DateTimeOffset now)
    {
        var limit = options.MaxFileBytes + FormOverheadBytes;
        if (request.ContentLength is { } length && length > limit)
        {
            return Refusal(reference, now, length);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        return null;
    }

    /// <summary>The page for a body that ran over the cap while being read (no Content-Length).</summary>
    public static IResult Refusal(ReferenceData reference, DateTimeOffset now, long? length = null) =>
        Layout.Html(UploadPage.Form(reference, now,
            $"Tệp quá lớn{(length is { } l ? $" ({ViFormat.Number(l / 1024)} KB)" : string.Empty)}, hệ thống không nhận. Một báo cáo theo biểu mẫu chỉ khoảng vài chục KB; vui lòng dùng biểu mẫu gốc và không chèn hình ảnh, dữ liệu khác."),
            StatusCodes.Status413PayloadTooLarge);

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
