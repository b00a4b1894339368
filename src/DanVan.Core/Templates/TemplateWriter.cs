using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;

namespace DanVan.Core.Templates;

/// <summary>Writes the template for one unit and period from the catalogue.</summary>
public static class TemplateWriter
{
    public const int CurrentVersion = 1;

    // Filled by the ingestion issue (#4).
    public static void Write(ReportingUnit unit, ReportingPeriod period, IndicatorCatalogue catalogue, UnitRegistry registry, Stream output) =>
        throw new NotImplementedException();
}
