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

    // Structure, enforced by PackageInspection before any library opens the package. A real report has
    // ~20 parts, 2 sheets, ~100 names, ~50 styles, depth ~12; the limits leave room for any program's way of saving.

    /// <summary>Inflated bytes of one part (counted while reading, not taken from the zip header).</summary>
    public long MaxPartBytes { get; init; } = 32 * 1024 * 1024;
    public int MaxParts { get; init; } = 1_000;
    public int MaxXmlDepth { get; init; } = 64;
    public long MaxElementsPerPart { get; init; } = 2_000_000;
    public long MaxElements { get; init; } = 4_000_000;
    public int MaxAttributesPerElement { get; init; } = 100;
    public int MaxAttributeChars { get; init; } = 65_536;
    /// <summary>One text node; Excel's own cell limit.</summary>
    public int MaxTextChars { get; init; } = 32_767;
    public int MaxSheets { get; init; } = 100;
    public int MaxDefinedNames { get; init; } = 5_000;
    /// <summary>Cell formats, fonts, fills, borders, number formats, differential formats and cell styles together.</summary>
    public int MaxStyleEntries { get; init; } = 20_000;
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
