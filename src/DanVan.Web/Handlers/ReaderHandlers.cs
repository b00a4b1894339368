using System.Text.Encodings.Web;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Pipeline;
using DanVan.Pipeline.Status;
using DanVan.Pipeline.Storage;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web.Handlers;

/// <summary>A period's completeness and the consolidated figures and workbooks: the consolidator and leaders.</summary>
public static class ReaderHandlers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapReaders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(PortalAuth.Reader);
        group.MapGet("/ky/{period}", Dashboard);
        group.MapGet("/api/ky/{period}", StatusJson);
        group.MapGet("/tai-ve/{period}", Latest);
        group.MapGet("/tai-ve/{period}/{version:int}", Version);
        group.MapGet("/lanh-dao", Leader);
        return app;
    }

    /// <summary>Completeness as a picture, received over time, filters, every unit (`?loc=missing|late|rejected`).</summary>
    public static async Task<IResult> Dashboard(HttpContext context, string period, string? loc, StatusService status)
    {
        if (!PeriodKey.TryParse(period, out var key))
        {
            return Results.NotFound();
        }
        var s = await status.GetAsync(key, context.RequestAborted);
        return Pages.Render<PeriodDashboard>(context, new { Status = s, Filter = loc is "missing" or "late" or "rejected" ? loc : null });
    }

    public static async Task<IResult> StatusJson(string period, StatusService status, CancellationToken ct) =>
        PeriodKey.TryParse(period, out var key)
            ? Results.Json(DanVan.Pipeline.Status.StatusJson.From(await status.GetAsync(key, ct)), Json)
            : Results.BadRequest(new { error = "Kỳ báo cáo không hợp lệ. Ví dụ: 2025-Q3, 2025-H1, 2025-M9, 2025-Y." });

    public static async Task<IResult> Latest(HttpContext context, string period, PublicationStore publications)
    {
        if (!PeriodKey.TryParse(period, out var key))
        {
            return Results.NotFound();
        }
        return await publications.OpenLatestAsync(key, context.RequestAborted) is { } workbook
            ? Results.File(workbook, AgencyHandlers.Xlsx, $"bao-cao-tong-hop-{key}.xlsx")
            : Pages.Message(context, StatusCodes.Status404NotFound, "Chưa có báo cáo tổng hợp",
                $"{ReportingCalendar.NameVi(key)} chưa có báo cáo tổng hợp. Báo cáo tổng hợp được lập sau hạn gửi báo cáo.");
    }

    public static async Task<IResult> Version(HttpContext context, string period, int version, PublicationStore publications)
    {
        if (!PeriodKey.TryParse(period, out var key) || await publications.OpenVersionAsync(key, version, context.RequestAborted) is not { } workbook)
        {
            return Results.NotFound();
        }
        return Results.File(workbook, AgencyHandlers.Xlsx, $"bao-cao-tong-hop-{key}-v{version}.xlsx");
    }

    /// <summary>The leader's page: a period's headline province figures against the previous quarter and last year, trends, versions.</summary>
    public static async Task<IResult> Leader(HttpContext context, string? ky, AggregateStore aggregates, PublicationStore publications, StatusService status, ReferenceData reference, TimeProvider time)
    {
        var ct = context.RequestAborted;
        var quarters = UnitData.RecentQuarters(reference, time.GetUtcNow(), 8).Select(p => p.Key).ToList();
        var figures = new Dictionary<PeriodKey, IReadOnlyList<AggregateRow>>();
        foreach (var q in quarters)
        {
            figures[q] = (await aggregates.ReadAsync(q, ct)).Where(r => r.Scope == Scopes.Province).ToList();
        }
        // The period shown: the one asked for, or the newest quarter with consolidated figures.
        PeriodKey selected;
        if (PeriodKey.TryParse(ky, out var asked))
        {
            selected = asked;
        }
        else
        {
            // A quarter past its deadline first: the open one has only the early reports.
            var now = time.GetUtcNow();
            selected = quarters.FirstOrDefault(q => figures[q].Count > 0 && reference.Calendar.Get(q).DeadlineUtc < now,
                quarters.FirstOrDefault(q => figures[q].Count > 0, quarters[0]));
        }
        async Task<IReadOnlyList<AggregateRow>> Province(PeriodKey p) =>
            figures.TryGetValue(p, out var f) ? f : (await aggregates.ReadAsync(p, ct)).Where(r => r.Scope == Scopes.Province).ToList();
        var headline = LeaderFigures.Headline(reference);
        var current = await Province(selected);
        var previous = selected.IsCumulative ? [] : await Province(selected.PreviousQuarter);
        var lastYear = await Province(selected.SamePeriodLastYear);
        var rows = headline.Select(i => new HeadlineRow(
            i.Code, i.NameVi, i.UnitVi,
            LeaderFigures.Value(current, i.Code), LeaderFigures.Value(previous, i.Code), LeaderFigures.Value(lastYear, i.Code))).ToList();
        var trends = headline.Select(i => new Trend(i.Code, i.NameVi,
            quarters.AsEnumerable().Reverse().Select(q => new TrendPoint(q, LeaderFigures.Value(figures[q], i.Code))).ToList())).ToList();
        return Pages.Render<LeaderPage>(context, new
        {
            Selected = reference.Calendar.Get(selected),
            Choices = quarters.Select(q => reference.Calendar.Get(q)).ToList(),
            Rows = rows,
            Trends = trends,
            Status = await status.GetAsync(selected, ct),
            Versions = (await publications.ListVersionsAsync(selected, ct)).OrderByDescending(v => v.Version).ToList(),
        });
    }
}

public sealed record HeadlineRow(string Code, string NameVi, string UnitVi, decimal? Value, decimal? Previous, decimal? LastYear);

public sealed record TrendPoint(PeriodKey Period, decimal? Value);

public sealed record Trend(string Code, string NameVi, IReadOnlyList<TrendPoint> Points);

public static class LeaderFigures
{
    /// <summary>The main indicators: the first count of each section of the catalogue.</summary>
    public static IReadOnlyList<DanVan.Core.Catalogue.Indicator> Headline(ReferenceData reference) =>
        reference.Catalogues.Latest.Sections
            .Select(s => reference.Catalogues.Latest.InSection(s.Code).FirstOrDefault(i => i.Kind == DanVan.Core.Catalogue.IndicatorKind.Count))
            .OfType<DanVan.Core.Catalogue.Indicator>()
            .Take(6)
            .ToList();

    public static decimal? Value(IReadOnlyList<AggregateRow> rows, string code) => rows.FirstOrDefault(r => r.IndicatorCode == code)?.Value;

    /// <summary>"+12,5 %", "−3 %", or "—" when either side is unknown or zero.</summary>
    public static string Change(decimal? now, decimal? before) =>
        now is { } n && before is { } b && b != 0
            ? ((n - b) / b * 100).ToString("+#,0.#' %';−#,0.#' %';0' %'", PortalView.Vi)
            : "—";
}
