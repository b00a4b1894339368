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
    int CloseAfterDays);
