namespace DanVan.Core.Calendar;

/// <summary>
/// One period as documents show it. Window dates are Vietnam calendar dates, inclusive;
/// instants are UTC (shown in Vietnam time, UTC+7).
/// </summary>
public sealed record ReportingPeriod(
    PeriodKey Key,
    string NameVi,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateTimeOffset DeadlineUtc,
    DateTimeOffset ConsolidationUtc,
    DateTimeOffset CloseUtc)
{
    public bool IsLate(DateTimeOffset receivedUtc) => receivedUtc > DeadlineUtc;

    public bool IsClosed(DateTimeOffset nowUtc) => nowUtc > CloseUtc;
}
