using System.Text.Encodings.Web;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Status;
using DanVan.Pipeline.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Web;

/// <summary>The portal: the year's periods, each period's reporting status, and the consolidated workbooks to download.</summary>
public static class PortalEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapDanVanPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapDanVanUploads();
        app.MapDanVanSignIn();
        app.MapGet("/", (ReferenceData reference, TimeProvider time) => Layout.Html(HomePage.Render(reference, time.GetUtcNow())));
        app.MapGet("/ky/{period}", async (string period, HttpContext context, AccessKeyStore keys, StatusService status, ReferenceData reference, CancellationToken ct) =>
            await ReaderAccess.ReaderAsync(context, keys) is null ? ReaderAccess.SignInFirst(context)
            : PeriodKey.TryParse(period, out var key)
                ? Layout.Html(PeriodPage.Render(await status.GetAsync(key, ct), reference.Calendar))
                : Results.NotFound());
        app.MapGet("/api/ky/{period}", async (string period, HttpContext context, AccessKeyStore keys, StatusService status, CancellationToken ct) =>
            await ReaderAccess.ReaderAsync(context, keys) is null
                ? Results.Json(new { error = "Cần mã truy cập của Sở Nội vụ hoặc lãnh đạo (tiêu đề X-DanVan-Key)." }, Json, statusCode: StatusCodes.Status401Unauthorized)
            : PeriodKey.TryParse(period, out var key)
                ? Results.Json(StatusJson.From(await status.GetAsync(key, ct)), Json)
                : Results.BadRequest(new { error = "Kỳ báo cáo không hợp lệ. Ví dụ: 2025-Q3, 2025-H1, 2025-M9, 2025-Y." }));
        app.MapGet("/tai-ve/{period}", async (string period, HttpContext context, AccessKeyStore keys, PublicationStore publications, CancellationToken ct) =>
        {
            if (await ReaderAccess.ReaderAsync(context, keys) is null)
            {
                return ReaderAccess.SignInFirst(context);
            }
            if (!PeriodKey.TryParse(period, out var key))
            {
                return Results.NotFound();
            }
            return await publications.OpenLatestAsync(key, ct) is { } workbook
                ? Results.File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bao-cao-tong-hop-{key}.xlsx")
                : Layout.Html(Layout.Page("Chưa có báo cáo tổng hợp", "<p>Kỳ " + Layout.E(ReportingCalendar.NameVi(key)) + " chưa có báo cáo tổng hợp. Báo cáo tổng hợp được lập sau hạn gửi báo cáo.</p><p><a href=\"/\">Về trang chủ</a></p>"), 404);
        });
        return app;
    }
}
