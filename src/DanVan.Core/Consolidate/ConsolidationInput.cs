using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// Everything consolidation of one period needs, gathered by the pipeline from storage.
/// <see cref="Reports"/> holds the current reports of every quarter involved: the period's own quarters,
/// the previous quarter and the same quarters last year (for comparisons).
/// <see cref="Submissions"/> holds every upload of the period's own quarters (for timeliness and versions).
/// </summary>
public sealed record ConsolidationInput(
    ReportingPeriod Period,
    UnitRegistry Registry,
    ReportingCalendar Calendar,
    CatalogueSet Catalogues,
    IReadOnlyList<UnitReport> Reports,
    IReadOnlyList<SubmissionRecord> Submissions,
    DateTimeOffset BuiltUtc,
    string CodeVersion);
