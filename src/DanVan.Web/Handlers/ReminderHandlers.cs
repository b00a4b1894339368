using DanVan.Core.Calendar;
using DanVan.Core.Followup;
using DanVan.Pipeline;
using DanVan.Pipeline.Followup;
using DanVan.Pipeline.Storage;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web.Handlers;

/// <summary>
/// Sở Nội vụ's follow-up of a quarter: who to remind and why, the reminders the timer recorded, and in one click the
/// draft letter (công văn đôn đốc, .docx) and the workbook of missing units. Nothing is sent from here (docs/consolidation.md).
/// </summary>
public static class ReminderHandlers
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Mapped inside the consolidator's group (its policy applies).</summary>
    public static RouteGroupBuilder MapReminders(this RouteGroupBuilder group)
    {
        group.MapGet("/don-doc/{period}", List);
        group.MapGet("/don-doc/{period}/cong-van", Letter);
        group.MapGet("/don-doc/{period}/danh-sach", Missing);
        return group;
    }

    public static async Task<IResult> List(HttpContext context, string period, ReminderService reminders, ReferenceData reference)
    {
        if (!TryQuarter(period, out var key))
        {
            return Results.NotFound();
        }
        var list = await reminders.ListAsync(key, context.RequestAborted);
        var history = await reminders.HistoryAsync(key, context.RequestAborted);
        var regime = reference.Calendar.RegimeFor(key);
        return Pages.Render<RemindersPage>(context, new
        {
            List = list,
            Recorded = history.Where(e => e.Unit is null).OrderByDescending(e => e.AtUtc).ToList(),
            RemindedUnits = history.Where(e => e.Unit is not null).GroupBy(e => e.Unit!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase),
            BeforeUtc = list.Period.DeadlineUtc.AddDays(-regime.ReminderDaysBefore),
            AfterUtc = list.Period.DeadlineUtc.AddDays(regime.ReminderDaysAfter),
        });
    }

    /// <summary>The draft letter naming every unit on the list today; audited, so the follow-up has a trace.</summary>
    public static async Task<IResult> Letter(HttpContext context, string period, ReminderService reminders, AuditLog audit, TimeProvider time)
    {
        if (!TryQuarter(period, out var key))
        {
            return Results.NotFound();
        }
        var list = await reminders.ListAsync(key, context.RequestAborted);
        using var buffer = new MemoryStream();
        ReminderLetter.Write(list, time.GetUtcNow(), buffer);
        var user = PortalUser.From(context.User)!;
        await audit.AppendAsync(key.ToString(), "reminder-letter", null, $"{user.Label} ({user.KeyId})", $"{list.Lines.Count} units", context.RequestAborted);
        return Results.File(buffer.ToArray(), Docx, $"cong-van-don-doc-{key}.docx");
    }

    public static async Task<IResult> Missing(HttpContext context, string period, ReminderService reminders, TimeProvider time)
    {
        if (!TryQuarter(period, out var key))
        {
            return Results.NotFound();
        }
        using var buffer = new MemoryStream();
        await reminders.WriteMissingAsync(key, time.GetUtcNow(), buffer, context.RequestAborted);
        return Results.File(buffer.ToArray(), AgencyHandlers.Xlsx, $"don-vi-chua-gui-{key}.xlsx");
    }

    private static bool TryQuarter(string text, out PeriodKey key) => PeriodKey.TryParse(text, out key) && !key.IsCumulative;
}
