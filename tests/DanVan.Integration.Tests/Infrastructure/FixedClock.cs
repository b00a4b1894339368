namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>A clock the test sets: periods open and close by the calendar, not by the day CI runs.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
