using DanVan.Core.Calendar;

namespace DanVan.Core.Consolidate;

/// <summary>
/// The current accepted version of one unit's quarterly report, as consolidation reads it.
/// A numeric code absent from <see cref="Numbers"/>, or mapped to null, was not reported.
/// </summary>
public sealed record UnitReport(
    string UnitCode,
    PeriodKey Quarter,
    int Version,
    int CatalogueVersion,
    string SubmissionId,
    string ContentHash,
    DateTimeOffset ReceivedUtc,
    bool Late,
    IReadOnlyDictionary<string, long?> Numbers,
    IReadOnlyDictionary<string, string> Texts);
