using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Templates;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web;

/// <summary>
/// The clerk's path: an access key names the unit (never the file), then template download, upload with the
/// pipeline's answer, and the feedback workbook. The key travels in each form, not in a cookie, so there is no
/// ambient credential a forged cross-site form could ride on; anti-forgery tokens are therefore not used here.
/// </summary>
public static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapDanVanUploads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/gui-bao-cao", (ReferenceData reference, TimeProvider time) => Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), null)));

        app.MapPost("/gui-bao-cao", async (HttpRequest request, AccessKeyStore keys, UploadService uploads, ReferenceData reference, IngestOptions options, TimeProvider time, CancellationToken ct) =>
        {
            // Refused before anything is read into memory (UploadGate).
            if (UploadGate.TooLarge(request, options, reference, time.GetUtcNow()) is { } tooLarge)
            {
                return tooLarge;
            }
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return UploadGate.Refusal(reference, time.GetUtcNow());
            }
            var (who, period, refusal) = await ReadRequestAsync(form, keys, reference, time, ct);
            if (refusal is not null)
            {
                return refusal;
            }
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                return Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), "Vui lòng chọn tệp báo cáo để gửi."), StatusCodes.Status400BadRequest);
            }
            await using var stream = file.OpenReadStream();
            var pending = await uploads.UploadAsync(who.Unit, period, file.FileName, await BinaryData.FromStreamAsync(stream, ct), ct);
            var answer = await uploads.WaitForAnswerAsync(pending, TimeSpan.FromSeconds(60), null, ct);
            return Layout.Html(UploadPage.Result(reference, who.Unit, period, pending, answer, form["key"].ToString()));
        }).DisableAntiforgery();

        app.MapPost("/bieu-mau", async (HttpRequest request, AccessKeyStore keys, ReferenceData reference, ReopeningStore reopenings, TimeProvider time, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var (who, period, refusal) = await ReadRequestAsync(form, keys, reference, time, ct);
            if (refusal is not null)
            {
                return refusal;
            }
            var rp = reference.Calendar.Get(period);
            var unit = reference.Registry.FindByCode(who.Unit, rp.WindowEnd);
            if (unit is not { Reports: true })
            {
                return Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), $"Đơn vị mã {who.Unit} không phải báo cáo kỳ {rp.NameVi}."), StatusCodes.Status400BadRequest);
            }
            if (await UploadGate.PeriodRefusalAsync(period, unit.Code, reference, reopenings, time.GetUtcNow(), ct) is { } notNow)
            {
                return Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), notNow), StatusCodes.Status400BadRequest);
            }
            var buffer = new MemoryStream();
            TemplateWriter.Write(unit, rp, reference.Catalogues.Latest, reference.Registry, buffer);
            buffer.Position = 0;
            return Results.File(buffer, Xlsx, $"bieu-mau-{unit.Code}-{period}.xlsx");
        }).DisableAntiforgery();

        app.MapPost("/lan-gui", async (HttpRequest request, AccessKeyStore keys, SubmissionStore submissions, ReferenceData reference, TimeProvider time, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var (who, period, refusal) = await ReadRequestAsync(form, keys, reference, time, ct);
            if (refusal is not null)
            {
                return refusal;
            }
            // An agency sees its own unit's uploads only: the unit comes from its key.
            var rows = (await submissions.ListViewsAsync(period.ToString(), ct)).Where(r => r.UnitCode == who.Unit).ToList();
            return Layout.Html(UploadPage.History(reference, who.Unit, period, rows, form["key"].ToString()));
        }).DisableAntiforgery();

        app.MapPost("/ket-qua", async (HttpRequest request, AccessKeyStore keys, SubmissionStore submissions, FeedbackStore feedback, ReferenceData reference, TimeProvider time, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var key = await keys.ResolveAsync(form["key"], ct);
            var row = await submissions.FindViewAsync(form["period"].ToString(), form["submission"].ToString(), ct);
            // Agencies see their own submissions only; the consolidator sees all.
            var workbook = key is not null && row?.FeedbackBlob is not null && key.MayActFor(row.UnitCode)
                ? await feedback.OpenAsync(row.FeedbackBlob, ct)
                : null;
            if (workbook is null)
            {
                return Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), "Không tìm thấy tệp kết quả kiểm tra cho mã truy cập này."), StatusCodes.Status404NotFound);
            }
            return Results.File(workbook, Xlsx, $"ket-qua-kiem-tra-{row!.UnitCode}-{row.Period}.xlsx");
        }).DisableAntiforgery();
        return app;
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Who asks (from the key) and for which quarter, or the page that says why not.</summary>
    private static async Task<(Uploader Who, PeriodKey Period, IResult? Refusal)> ReadRequestAsync(
        IFormCollection form, AccessKeyStore keys, ReferenceData reference, TimeProvider time, CancellationToken ct)
    {
        var (who, error) = await AuthoriseAsync(form, keys, ct);
        if (who is null)
        {
            return (new Uploader(""), default, Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), error), StatusCodes.Status403Forbidden));
        }
        if (!PeriodKey.TryParse(form["period"], out var period) || period.IsCumulative)
        {
            return (who, default, Layout.Html(UploadPage.Form(reference, time.GetUtcNow(), "Vui lòng chọn kỳ báo cáo (một quý)."), StatusCodes.Status400BadRequest));
        }
        return (who, period, null);
    }

    /// <summary>An agency key acts for its own unit; the consolidator names the unit; a leader key cannot upload.</summary>
    private static async Task<(Uploader? Who, string Error)> AuthoriseAsync(IFormCollection form, AccessKeyStore keys, CancellationToken ct)
    {
        var key = await keys.ResolveAsync(form["key"], ct);
        if (key is null)
        {
            return (null, "Mã truy cập không đúng hoặc đã bị thu hồi. Vui lòng kiểm tra lại mã do Sở Nội vụ cấp.");
        }
        return key.Role switch
        {
            AccessRole.Agency => (new Uploader(key.UnitCode!), ""),
            AccessRole.Consolidator when !string.IsNullOrWhiteSpace(form["unit"]) => (new Uploader(form["unit"].ToString().Trim()), ""),
            AccessRole.Consolidator => (null, "Sở Nội vụ gửi thay đơn vị nào? Vui lòng nhập mã đơn vị."),
            _ => (null, "Mã truy cập của lãnh đạo chỉ dùng để xem và tải báo cáo tổng hợp, không dùng để gửi báo cáo."),
        };
    }

    private sealed record Uploader(string Unit);
}
