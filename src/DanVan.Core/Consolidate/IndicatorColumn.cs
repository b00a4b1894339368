using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;

namespace DanVan.Core.Consolidate;

/// <summary>An indicator as consolidation knows it: by code, described by the latest catalogue version holding it.</summary>
public sealed record IndicatorColumn(
    string Code,
    string Section,
    string SectionTitleVi,
    string NameVi,
    string UnitVi,
    IndicatorKind Kind,
    string? Numerator,
    string? Denominator)
{
    public bool IsNumeric => Kind != IndicatorKind.Text;
}

/// <summary>A catalogue version a consolidation combined, with the quarters it applied to (in force or reported under).</summary>
public sealed record CatalogueUse(int Version, IReadOnlyList<PeriodKey> Quarters);
