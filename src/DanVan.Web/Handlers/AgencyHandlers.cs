using DanVan.Core.Calendar;
using DanVan.Core.Templates;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web.Handlers;

/// <summary>
/// The clerk's path, signed in with the unit's key: home, template, upload with a live answer, feedback, history.
/// The unit is the key's (an agency) or the one the consolidator names; never the file's.
/// </summary>
public static class AgencyHandlers
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapAgency(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup("/don-vi").RequireAuthorization(PortalAuth.Agency);
        agency.MapGet("/", Home);
        agency.MapGet("/lan-gui", History);

        var uploader = app.MapGroup("").RequireAuthorization(PortalAuth.Uploader);
        uploader.MapGet("/bieu-mau/{period}", Template);
        uploader.MapPost("/gui-bao-cao", Upload).WithMetadata(new UploadEndpointMetadata()).RequireRateLimiting(PortalGuards.UploadPolicy);
        uploader.MapGet("/gui-bao-cao/trang-thai", UploadStatus);
        uploader.MapGet("/ket-qua/{period}/{submission}", Feedback);
        return app;
    }

    public static async Task<IResult> Home(HttpContext context, SubmissionStore submissions, ReopeningStore reopenings, ReferenceData reference, TimeProvider time)
    {
        var user = PortalUser.From(context.User)!;
        var now = time.GetUtcNow();
        var quarters = await UnitData.QuartersAsync(submissions, reopenings, reference, user.UnitCode!, now, 5, context.RequestAborted);
        var unit = reference.Registry.FindByCode(user.UnitCode!, reference.Calendar.VietnamDate(now));
        return Pages.Render<AgencyHome>(context, new
        {
            UnitCode = user.UnitCode!,
            UnitName = unit?.Name ?? user.UnitCode!,
            Quarters = quarters,
            Uploadable = quarters.Where(q => q.Open || q.Reopened).Select(q => q.Period).ToList(),
        });
    }

    public static async Task<IResult> History(HttpContext context, SubmissionStore submissions, ReferenceData reference, TimeProvider time)
    {
        var user = PortalUser.From(context.User)!;
        var now = time.GetUtcNow();
        var rows = new List<SubmissionView>();
        foreach (var p in UnitData.RecentQuarters(reference, now, 8))
        {
            rows.AddRange(await UnitData.UploadsAsync(submissions, p.Key, user.UnitCode!, context.RequestAborted));
        }
        var unit = reference.Registry.FindByCode(user.UnitCode!, reference.Calendar.VietnamDate(now));
        return Pages.Render<HistoryPage>(context, new { UnitName = unit?.Name ?? user.UnitCode!, Rows = rows });
    }

    /// <summary>The unit's template for a quarter (`?don-vi=` names the unit when the consolidator asks).</summary>
    public static async Task<IResult> Template(HttpContext context, string period, ReferenceData reference, ReopeningStore reopenings, TimeProvider time)
    {
        var user = PortalUser.From(context.User)!;
        var unitCode = UnitFor(user, context.Request.Query["don-vi"]);
        if (unitCode is null)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!PeriodKey.TryParse(period, out var key) || key.IsCumulative)
        {
            return Results.NotFound();
        }
        var rp = reference.Calendar.Get(key);
        // The registry's spelling of a typed code (so-vpub and SO-VPUB are one unit).
        if (!reference.Registry.TryCanonical(unitCode, rp.WindowEnd, out var unit) || unit is not { Reports: true })
        {
            return Pages.Message(context, StatusCodes.Status404NotFound, "Không có biểu mẫu", $"Đơn vị mã {unitCode} không phải báo cáo {rp.NameVi}.");
        }
        if (await PeriodGate.PeriodRefusalAsync(key, unit.Code, reference, reopenings, time.GetUtcNow(), context.RequestAborted) is { } notNow)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Không có biểu mẫu", notNow);
        }
        var buffer = new MemoryStream();
        TemplateWriter.Write(unit, rp, reference.Catalogues.For(rp.Key), reference.Registry, buffer);
        buffer.Position = 0;
        return Results.File(buffer, Xlsx, $"bieu-mau-{unit.Code}-{key}.xlsx");
    }

    /// <summary>
    /// Stores the file and queues it, then answers at once: 202 and the status address for a script (the page
    /// polls it), 303 to the status page for a plain form. No request is held while the pipeline checks the file.
    /// </summary>
    public static async Task<IResult> Upload(HttpContext context, UploadService uploads, ReferenceData reference, TimeProvider time)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "Biểu mẫu đã hết hạn. Vui lòng tải lại trang rồi gửi lại.");
        }
        var user = PortalUser.From(context.User)!;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var unitCode = UnitFor(user, form["unit"]);
        if (unitCode is null)
        {
            return Refuse(context, StatusCodes.Status403Forbidden, user.Role == DanVan.Pipeline.Access.AccessRole.Consolidator
                ? "Sở Nội vụ gửi thay đơn vị nào? Vui lòng chọn đơn vị."
                : "Mã truy cập này chỉ gửi báo cáo cho đơn vị của mình.");
        }
        if (!PeriodKey.TryParse(form["period"], out var period) || period.IsCumulative)
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "Vui lòng chọn kỳ báo cáo (một quý).");
        }
        // The registry's spelling of a typed code (so-vpub and SO-VPUB are one unit, one version pointer).
        if (!reference.Registry.TryCanonical(unitCode, reference.Calendar.Get(period).WindowEnd, out var registered) || registered is null)
        {
            return Refuse(context, StatusCodes.Status400BadRequest, $"Không có đơn vị mã {unitCode}.");
        }
        unitCode = registered.Code;
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "Vui lòng chọn tệp báo cáo để gửi.");
        }
        BinaryData content;
        await using (var stream = file.OpenReadStream())
        {
            content = await BinaryData.FromStreamAsync(stream, context.RequestAborted);
        }
        var pending = await uploads.UploadAsync(unitCode, period, file.FileName, content, context.RequestAborted);
        var status = StatusPath(pending);
        return PortalAuth.WantsJson(context.Request)
            ? Results.Json(new { status }, statusCode: StatusCodes.Status202Accepted)
            : new SeeOther(status);
    }

    /// <summary>
    /// The answer to one upload, named by its blob (not secret; the unit in it must be the user's). Pending: 202
    /// (the full page refreshes itself). `?manh=1` returns only the answer's HTML for the page's script.
    /// </summary>
    public static async Task<IResult> UploadStatus(HttpContext context, string? ky, string? tep, UploadService uploads, ReferenceData reference)
    {
        var user = PortalUser.From(context.User)!;
        if (tep is null || !PeriodKey.TryParse(ky, out var period) || UploadPath.Parse(tep) is not { UnitCode: { } unitCode } path || path.Period != period)
        {
            return Results.NotFound();
        }
        if (!user.MayActFor(unitCode))
        {
            return Results.NotFound();
        }
        var pending = new PendingUpload(period, "", tep);
        var answer = await uploads.TryAnswerAsync(pending, context.RequestAborted);
        var rp = reference.Calendar.Get(period);
        var unitName = reference.Registry.FindByCode(unitCode, rp.WindowEnd)?.Name ?? unitCode;
        var status = answer is null ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        var values = new { Answer = answer, UnitName = unitName, PeriodName = rp.NameVi };
        if (context.Request.Query.ContainsKey("manh"))
        {
            return Pages.Render<AnswerPanel>(context, values, status);
        }
        return Pages.Render<UploadStatusPage>(context, values, status);
    }

    /// <summary>A submission's feedback workbook; another unit's is "not found", never "forbidden", so nothing leaks.</summary>
    public static async Task<IResult> Feedback(HttpContext context, string period, string submission, SubmissionStore submissions, FeedbackStore feedback)
    {
        var user = PortalUser.From(context.User)!;
        // The submission id starts with its unit: decide before reading anything.
        var unitCode = submission.Split('_')[0];
        if (!user.MayActFor(unitCode) || !PeriodKey.TryParse(period, out _))
        {
            return Results.NotFound();
        }
        var row = await submissions.FindViewAsync(period, submission, context.RequestAborted);
        if (row is null || row.UnitCode != unitCode || row.FeedbackBlob is null || await feedback.OpenAsync(row.FeedbackBlob, context.RequestAborted) is not { } workbook)
        {
            return Results.NotFound();
        }
        return Results.File(workbook, Xlsx, $"ket-qua-kiem-tra-{row.UnitCode}-{row.Period}.xlsx");
    }

    /// <summary>
    /// The unit a request acts for, decided here only: an agency its own (naming another is refused), the
    /// consolidator the one it names, a leader none.
    /// </summary>
    public static string? UnitFor(PortalUser user, string? requested)
    {
        requested = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        return user.Role switch
        {
            DanVan.Pipeline.Access.AccessRole.Agency => requested is null || requested == user.UnitCode ? user.UnitCode : null,
            // The consolidator names the unit; the handler turns it into the registry's code.
            DanVan.Pipeline.Access.AccessRole.Consolidator => requested,
            _ => null,
        };
    }

    public static string StatusPath(PendingUpload pending) =>
        "/gui-bao-cao/trang-thai?ky=" + pending.Period + "&tep=" + Uri.EscapeDataString(pending.BlobName);

    private static IResult Refuse(HttpContext context, int status, string text) =>
        PortalAuth.WantsJson(context.Request)
            ? Results.Json(new { error = text }, statusCode: status)
            : Pages.Message(context, status, "Chưa gửi được báo cáo", text);

    /// <summary>303: after a POST the browser fetches the status page with GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = PortalGuards.LocalPath(location);
            return Task.CompletedTask;
        }
    }
}
