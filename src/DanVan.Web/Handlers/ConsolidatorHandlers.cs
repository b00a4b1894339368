using DanVan.Core.Calendar;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Status;
using DanVan.Pipeline.Storage;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web.Handlers;

/// <summary>Sở Nội vụ: periods, a unit's record, reopen, re-run consolidation, access keys. Every action is audited.</summary>
public static class ConsolidatorHandlers
{
    public static IEndpointRouteBuilder MapConsolidator(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/so-noi-vu").RequireAuthorization(PortalAuth.Consolidator);
        group.MapGet("/", Home);
        group.MapGet("/don-vi/{period}/{unit}", Unit);
        group.MapPost("/don-vi/{period}/{unit}/mo-lai", Reopen);
        group.MapPost("/tong-hop/{period}", Consolidate);
        group.MapGet("/ma-truy-cap", Keys);
        group.MapPost("/ma-truy-cap", IssueKey);
        group.MapPost("/ma-truy-cap/{id}/thu-hoi", RevokeKey);
        group.MapReminders();
        return app;
    }

    public static async Task<IResult> Home(HttpContext context, StatusService status, ReferenceData reference, TimeProvider time)
    {
        var list = new List<PeriodStatus>();
        foreach (var p in UnitData.RecentQuarters(reference, time.GetUtcNow(), 4))
        {
            list.Add(await status.GetAsync(p.Key, context.RequestAborted));
        }
        return Pages.Render<ConsolidatorHome>(context, new { Periods = list });
    }

    public static async Task<IResult> Unit(HttpContext context, string period, string unit, SubmissionStore submissions, AuditLog audit, ReopeningStore reopenings, ReferenceData reference)
    {
        if (!PeriodKey.TryParse(period, out var key) || key.IsCumulative)
        {
            return Results.NotFound();
        }
        var rp = reference.Calendar.Get(key);
        if (reference.Registry.FindByCode(unit, rp.WindowEnd) is not { } found)
        {
            return Results.NotFound();
        }
        var rows = await UnitData.UploadsAsync(submissions, key, found.Code, context.RequestAborted);
        var events = (await audit.ReadAsync(key.ToString(), context.RequestAborted)).Where(e => e.Unit == found.Code).OrderByDescending(e => e.AtUtc).ToList();
        return Pages.Render<UnitPage>(context, new
        {
            Period = rp,
            UnitCode = found.Code,
            UnitName = found.Name,
            Rows = rows,
            Events = events,
            Reopened = await reopenings.IsReopenedAsync(key, found.Code, context.RequestAborted),
            Notice = context.Request.Query["xong"].ToString() is { Length: > 0 } ? "Đã mở lại kỳ báo cáo cho đơn vị." : null,
        });
    }

    public static async Task<IResult> Reopen(HttpContext context, string period, string unit, ReopeningStore reopenings, AuditLog audit, ReferenceData reference, TimeProvider time)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return PublicHandlers.FormExpired(context);
        }
        if (!PeriodKey.TryParse(period, out var key) || key.IsCumulative || reference.Registry.FindByCode(unit, reference.Calendar.Get(key).WindowEnd) is not { } found)
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var reason = form["reason"].ToString().Trim();
        if (reason.Length == 0)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Cần lý do", "Vui lòng ghi lý do mở lại kỳ báo cáo cho đơn vị.");
        }
        var user = PortalUser.From(context.User)!;
        var by = $"{user.Label} ({user.KeyId})";
        await reopenings.ReopenAsync(key, found.Code, reason, by, time.GetUtcNow(), context.RequestAborted);
        await audit.AppendAsync(key.ToString(), "reopened", found.Code, by, reason, context.RequestAborted);
        return Results.LocalRedirect($"/so-noi-vu/don-vi/{key}/{found.Code}?xong=1");
    }

    /// <summary>Runs the consolidation now and shows its outcome (a province's period takes seconds).</summary>
    public static async Task<IResult> Consolidate(HttpContext context, string period, ConsolidationService consolidation, AuditLog audit)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return PublicHandlers.FormExpired(context);
        }
        if (!PeriodKey.TryParse(period, out var key))
        {
            return Results.NotFound();
        }
        var user = PortalUser.From(context.User)!;
        var outcome = await consolidation.ConsolidateAsync(key, context.RequestAborted);
        await audit.AppendAsync(key.ToString(), "consolidation-requested", null, $"{user.Label} ({user.KeyId})",
            $"version {outcome.Version}, changed {outcome.Changed}", context.RequestAborted);
        var text = outcome.Changed
            ? $"Đã tổng hợp xong và phát hành báo cáo tổng hợp phiên bản {outcome.Version}. {Core.Publish.VnText.CompletenessLine(outcome.Completeness)}."
            : $"Đã tổng hợp xong: số liệu không thay đổi, báo cáo tổng hợp vẫn là phiên bản {outcome.Version}. {Core.Publish.VnText.CompletenessLine(outcome.Completeness)}.";
        return Pages.Render<ConsolidatedPage>(context, new { Period = key, Text = text });
    }

    public static async Task<IResult> Keys(HttpContext context, AccessKeyStore keys) =>
        Pages.Render<KeysPage>(context, new { Keys = await keys.ListAsync(context.RequestAborted) });

    /// <summary>Issues a key and shows it once, in this response only; storage keeps its hash.</summary>
    public static async Task<IResult> IssueKey(HttpContext context, AccessKeyStore keys, AuditLog audit, ReferenceData reference, TimeProvider time)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return PublicHandlers.FormExpired(context);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var role = form["role"].ToString() switch
        {
            "agency" => AccessRole.Agency,
            "consolidator" => AccessRole.Consolidator,
            "leader" => AccessRole.Leader,
            _ => (AccessRole?)null,
        };
        string? unitCode = null;
        if (role == AccessRole.Agency)
        {
            var typed = form["unit"].ToString().Trim();
            if (!reference.Registry.TryCanonical(typed, reference.Calendar.VietnamDate(time.GetUtcNow()), out var found))
            {
                return Pages.Render<KeysPage>(context, new { Keys = await keys.ListAsync(context.RequestAborted), Error = $"Không có đơn vị mã '{typed}'." }, StatusCodes.Status400BadRequest);
            }
            unitCode = found.Code;
        }
        if (role is null)
        {
            return Pages.Render<KeysPage>(context, new { Keys = await keys.ListAsync(context.RequestAborted), Error = "Vui lòng chọn vai trò." }, StatusCodes.Status400BadRequest);
        }
        var label = form["label"].ToString().Trim() is { Length: > 0 } l ? l[..Math.Min(l.Length, 100)] : role.ToString()!;
        var (issued, secret) = await keys.IssueAsync(role.Value, unitCode, label, context.RequestAborted);
        var user = PortalUser.From(context.User)!;
        await audit.AppendAsync("", "key-issued", unitCode, $"{user.Label} ({user.KeyId})", $"{issued.Id} {role} {label}", context.RequestAborted);
        return Pages.Render<KeysPage>(context, new { Keys = await keys.ListAsync(context.RequestAborted), NewKey = issued, NewSecret = secret });
    }

    public static async Task<IResult> RevokeKey(HttpContext context, string id, AccessKeyStore keys, AuditLog audit)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return PublicHandlers.FormExpired(context);
        }
        if (!await keys.RevokeAsync(id, context.RequestAborted))
        {
            return Results.NotFound();
        }
        var user = PortalUser.From(context.User)!;
        await audit.AppendAsync("", "key-revoked", null, $"{user.Label} ({user.KeyId})", id, context.RequestAborted);
        return Results.LocalRedirect("/so-noi-vu/ma-truy-cap");
    }
}
