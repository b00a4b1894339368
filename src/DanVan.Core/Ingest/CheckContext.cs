using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;

namespace DanVan.Core.Ingest;

/// <summary>Limits that keep a hostile file from hurting the pipeline; settings with sane defaults.</summary>
public sealed record IngestLimits
{
    public long MaxFileBytes { get; init; } = 10 * 1024 * 1024;
    public long MaxUncompressedBytes { get; init; } = 100 * 1024 * 1024;
    public long MaxCells { get; init; } = 200_000;
    public int MaxCompressionRatio { get; init; } = 200;
}

/// <summary>
/// What the checker knows besides the file: who uploaded it (the unit comes from the uploader, never
/// from a guess), the period its path names, the time, and the reference data.
/// </summary>
public sealed record CheckContext(
    string? UploaderUnitCode,
    PeriodKey? PathPeriod,
    DateTimeOffset NowUtc,
    UnitRegistry Registry,
    ReportingCalendar Calendar,
    CatalogueSet Catalogues,
    IngestLimits Limits)
{
    /// <summary>An administrator reopened a closed period for a unit (a lock exception).</summary>
    public Func<string, PeriodKey, bool> IsReopenedFor { get; init; } = static (_, _) => false;
}
