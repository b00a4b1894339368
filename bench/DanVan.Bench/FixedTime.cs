namespace DanVan.Bench;

/// <summary>A clock fixed at one instant, so a synthetic period is open while ingesting and closed when consolidating.</summary>
public sealed class FixedTime(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;
}
