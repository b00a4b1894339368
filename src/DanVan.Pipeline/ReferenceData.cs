using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;

namespace DanVan.Pipeline;

/// <summary>The seeds the pipeline runs with: calendar, registry and catalogues (tests may pass their own).</summary>
public sealed record ReferenceData(ReportingCalendar Calendar, UnitRegistry Registry, CatalogueSet Catalogues)
{
    public static ReferenceData Default => new(ReportingCalendar.Default, UnitRegistry.Default, CatalogueSet.Default);

    /// <summary>When a value is far from the unit's history (seeds/plausibility/).</summary>
    public PlausibilityThresholds Plausibility { get; init; } = PlausibilityThresholds.Default;
}
