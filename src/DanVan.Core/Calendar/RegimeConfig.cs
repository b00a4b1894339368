namespace DanVan.Core.Calendar;

/// <summary>The versioned reporting regime from <c>seeds/regime/</c>: every assumed date rule is data.</summary>
public sealed record RegimeConfig(
    int Version,
    DateOnly EffectiveFrom,
    int UtcOffsetHours,
    int WindowStartDay,
    int WindowEndDay,
    int DeadlineDay,
    TimeOnly DeadlineTime,
    int ConsolidationDay,
    TimeOnly ConsolidationTime,
    TimeOnly NightlyConsolidationTime,
    int CloseAfterDays)
{
    /// <summary>Where the rules come from and which are assumed.</summary>
    public string? Source { get; init; }

    /// <summary>How many days before the deadline units without an accepted report are reminded (optional, default 3).</summary>
    public int ReminderDaysBefore { get; init; } = 3;

    /// <summary>How many days after the deadline they are reminded again (optional, default 3).</summary>
    public int ReminderDaysAfter { get; init; } = 3;

    /// <summary>Throws <see cref="FormatException"/> when the regime breaks a Decree 09 invariant.</summary>
    public RegimeConfig Validated()
    {
        void Check(bool ok, string why)
        {
            if (!ok)
            {
                throw new FormatException($"Regime v{Version}: {why}.");
            }
        }
        // Days up to 28 exist in every month, so no period ever lacks its deadline day.
        Check(WindowEndDay is >= 1 and <= 27, "windowEndDay must be 1–27");
        // Windows must tile the year with neither gap nor overlap, or a date would belong to 0 or 2 quarters.
        Check(WindowStartDay == WindowEndDay + 1, "windowStartDay must be the day after windowEndDay");
        Check(ReminderDaysBefore is >= 0 and <= 30, "reminderDaysBefore must be 0–30");
        Check(ReminderDaysAfter >= 0 && ReminderDaysAfter <= CloseAfterDays, "reminderDaysAfter must be 0–closeAfterDays");
        // Decree 09: at least one working day between the end of the window and the deadline.
        Check(DeadlineDay >= WindowEndDay + 2 && DeadlineDay <= 28, "deadlineDay must leave at least one day after the window and be ≤ 28");
        Check(ConsolidationDay is >= 1 and <= 28, "consolidationDay must be 1–28");
        Check(ConsolidationDay > DeadlineDay || (ConsolidationDay == DeadlineDay && ConsolidationTime > DeadlineTime), "consolidation must come after the deadline");
        Check(CloseAfterDays >= 0, "closeAfterDays must not be negative");
        Check(UtcOffsetHours is >= -12 and <= 14, "utcOffsetHours out of range");
        return this;
    }
}
