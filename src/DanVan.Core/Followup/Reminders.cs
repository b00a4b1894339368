using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Registry;

namespace DanVan.Core.Followup;

/// <summary>Why a unit is reminded: nothing received, or only uploads that were not accepted.</summary>
public enum ReminderReason
{
    Missing,
    OnlyRejected,
}

/// <summary>When a reminder is recorded: some days before the deadline, and again some days after it.</summary>
public enum ReminderOccasion
{
    BeforeDeadline,
    AfterDeadline,
}

/// <summary>One unit to remind, with its parent (the district of a commune) when it has one.</summary>
public sealed record ReminderLine(ReportingUnit Unit, ReminderReason Reason, ReportingUnit? Parent, int Uploads, DateTimeOffset? LastUploadUtc)
{
    public string ReasonVi => Reason == ReminderReason.Missing ? "Chưa gửi báo cáo" : "Đã gửi nhưng bị trả lại, chưa gửi lại";
}

/// <summary>The reminder list of a period and its deadline (what the letter and the workbook are made from).</summary>
public sealed record ReminderList(ReportingPeriod Period, IReadOnlyList<ReminderLine> Lines);

/// <summary>Who must be reminded, and when: pure functions over the standing the status pages and the workbook read.</summary>
public static class Reminders
{
    /// <summary>
    /// Every expected unit without an accepted report: missing, or only rejected. A unit whose rejected upload was
    /// followed by an accepted one is received by <see cref="PeriodStanding"/> and so is not reminded.
    /// </summary>
    public static ReminderList For(PeriodStanding standing, ReportingPeriod period, UnitRegistry registry)
    {
        var lines = standing.Units.Where(u => !u.Received).Select(u =>
        {
            var parentCode = u.Unit.ParentCodeAt(period.WindowEnd);
            var parent = parentCode is null ? null : registry.FindByCode(parentCode, period.WindowEnd);
            return new ReminderLine(u.Unit, u.Uploads > 0 ? ReminderReason.OnlyRejected : ReminderReason.Missing, parent, u.Uploads, u.LastReceivedUtc);
        }).ToArray();
        return new ReminderList(period, lines);
    }

    /// <summary>
    /// The reminder occasions of <paramref name="period"/> due at <paramref name="nowUtc"/>: from
    /// <see cref="RegimeConfig.ReminderDaysBefore"/> days before the deadline until it, and from
    /// <see cref="RegimeConfig.ReminderDaysAfter"/> days after it until the period closes. A daily timer records each once.
    /// </summary>
    public static IReadOnlyList<ReminderOccasion> Due(ReportingPeriod period, RegimeConfig regime, DateTimeOffset nowUtc)
    {
        var due = new List<ReminderOccasion>();
        if (nowUtc >= period.DeadlineUtc.AddDays(-regime.ReminderDaysBefore) && nowUtc <= period.DeadlineUtc)
        {
            due.Add(ReminderOccasion.BeforeDeadline);
        }
        if (nowUtc >= period.DeadlineUtc.AddDays(regime.ReminderDaysAfter) && nowUtc <= period.CloseUtc)
        {
            due.Add(ReminderOccasion.AfterDeadline);
        }
        return due;
    }
}
