using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
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
        app.MapGet("/tai-ve/{period}", async (string period, HttpContext context, AccessKeyStore keys, DanVanStorage storage, CancellationToken ct) =>
        {
            if (await ReaderAccess.ReaderAsync(context, keys) is null)
            {
                return ReaderAccess.SignInFirst(context);
            }
            if (!PeriodKey.TryParse(period, out var key))
            {
                return Results.NotFound();
            }
            var blob = storage.Container(StorageNames.Published).GetBlobClient(PublicationStore.LatestName(key));
            try
            {
                var content = await blob.DownloadStreamingAsync(cancellationToken: ct);
                return Results.File(content.Value.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bao-cao-tong-hop-{key}.xlsx");
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return Layout.Html(Layout.Page("Chưa có báo cáo tổng hợp", "<p>Kỳ " + Layout.E(ReportingCalendar.NameVi(key)) + " chưa có báo cáo tổng hợp. Báo cáo tổng hợp được lập sau hạn gửi báo cáo.</p><p><a href=\"/\">Về trang chủ</a></p>"), 404);
            }
        });
        return app;
    }
}

/// <summary>The JSON shape of a period's status (English keys, Vietnamese names).</summary>
public static class StatusJson
{
    public static object From(PeriodStatus s) => new
    {
        period = s.Period.Key.ToString(),
        name = s.Period.NameVi,
        expected = s.Expected,
        received = s.Received,
        late = s.Late,
        missing = s.Missing,
        publishedVersion = s.PublishedVersion,
        units = s.Units.Select(u => new
        {
            code = u.Code,
            name = u.Name,
            level = u.Level.ToString().ToUpperInvariant(),
            state = u.LastState?.Wire() ?? "missing",
            receivedUtc = u.ReceivedUtc,
            late = u.Late,
            version = u.Version,
            uploads = u.Uploads,
        }),
        submissions = s.Submissions.Select(r => new
        {
            id = r.Id,
            unit = r.UnitCode,
            file = r.FileName,
            state = r.State.Wire(),
            receivedUtc = r.ReceivedUtc,
            version = r.Version,
            current = r.IsCurrent,
            late = r.Late,
            errors = r.Errors,
            warnings = r.Warnings,
            message = r.SummaryVi,
            feedback = r.FeedbackBlob,
        }),
    };
}
