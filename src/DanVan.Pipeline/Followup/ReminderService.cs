using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Followup;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Followup;

/// <summary>
/// Reminders: the list of units to remind for a period (for `danvan remind` and the portal), the letter and the
/// workbook made from it, and the timer's audited reminder events. Nothing is sent: e-mail or SMS is out of scope;
/// a sender can read the "reminder" events (<see cref="HistoryAsync"/>) and act on each unit's line.
/// </summary>
public sealed class ReminderService(DanVanStorage storage, SubmissionStore submissions, AccessKeyStore keys, AuditLog audit, ReferenceData reference)
{
    /// <summary>The audit event the timer records, one per unit reminded and one for the period as a whole (unit null).</summary>
    public const string Event = "reminder";

    /// <summary>Who must be reminded for <paramref name="period"/>; a cumulative period is its last quarter's list.</summary>
    public async Task<ReminderList> ListAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var quarter = period.Quarters[^1];
        var rows = await submissions.ListAsync(quarter.ToString(), cancellationToken);
        var standing = PeriodStanding.Assess(reference.Registry, reference.Calendar, quarter, rows.Select(r => r.ToRecord(quarter)));
        return Reminders.For(standing, reference.Calendar.Get(quarter), reference.Registry);
    }

    /// <summary>The labels of the active agency keys, by unit code (the missing-units workbook shows them).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> KeyLabelsAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return (await keys.ListAsync(cancellationToken))
            .Where(k => k is { IsActive: true, Role: AccessRole.Agency, UnitCode: not null })
            .GroupBy(k => k.UnitCode!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(k => k.Label).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public async Task WriteLetterAsync(PeriodKey period, DateTimeOffset nowUtc, Stream output, CancellationToken cancellationToken) =>
        ReminderLetter.Write(await ListAsync(period, cancellationToken), nowUtc, output);

    public async Task WriteMissingAsync(PeriodKey period, DateTimeOffset nowUtc, Stream output, CancellationToken cancellationToken) =>
        MissingWorkbook.Write(await ListAsync(period, cancellationToken), await KeyLabelsAsync(cancellationToken), nowUtc, output);

    /// <summary>
    /// The timer's step: for every quarter with a reminder due (<see cref="Reminders.Due"/>), records the list once per
    /// occasion, however often the timer runs. Returns what was due (already recorded or not).
    /// </summary>
    public async Task<IReadOnlyList<DueReminder>> RunDueAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        var calendar = reference.Calendar;
        var year = calendar.ToVietnamTime(nowUtc).Year;
        var due = new List<DueReminder>();
        foreach (var period in calendar.Year(year - 1).Concat(calendar.Year(year)).Concat(calendar.Year(year + 1)).Where(p => !p.Key.IsCumulative))
        {
            var regime = calendar.RegimeFor(period.Key);
            foreach (var occasion in Reminders.Due(period, regime, nowUtc))
            {
                var list = await ListAsync(period.Key, cancellationToken);
                var at = occasion == ReminderOccasion.BeforeDeadline
                    ? period.DeadlineUtc.AddDays(-regime.ReminderDaysBefore)
                    : period.DeadlineUtc.AddDays(regime.ReminderDaysAfter);
                var key = period.Key.ToString();
                foreach (var line in list.Lines)
                {
                    await audit.AppendOnceAsync(key, Event, line.Unit.Code, occasion.ToString(), line.ReasonVi, at, occasion + "_" + line.Unit.Code, cancellationToken);
                }
                await audit.AppendOnceAsync(key, Event, null, occasion.ToString(), $"Đôn đốc {list.Lines.Count} đơn vị chưa gửi báo cáo {period.NameVi}", at, occasion + "_all", cancellationToken);
                due.Add(new DueReminder(period.Key, occasion, list.Lines.Count));
            }
        }
        return due;
    }

    /// <summary>The reminder events recorded for a period, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> HistoryAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return (await audit.ReadAsync(period.Quarters[^1].ToString(), cancellationToken)).Where(e => e.Event == Event).ToArray();
    }
}

/// <summary>A reminder occasion the timer found due and how many units it names.</summary>
public sealed record DueReminder(PeriodKey Period, ReminderOccasion Occasion, int Units);
