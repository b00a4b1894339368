using DanVan.Core.Calendar;

namespace DanVan.Core.Templates;

/// <summary>What a template is, stored where users do not break it (defined names, a very-hidden sheet, document properties).</summary>
public sealed record TemplateIdentity(
    string TemplateId,
    int TemplateVersion,
    int CatalogueVersion,
    string UnitCode,
    PeriodKey Period);
