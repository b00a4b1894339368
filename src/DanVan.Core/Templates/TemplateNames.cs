namespace DanVan.Core.Templates;

/// <summary>
/// Where a template keeps its identity and its input cells. Users never see these names, and Excel and
/// LibreOffice move defined names with the cells when rows are inserted, so the reader never relies on
/// fixed positions.
/// </summary>
public static class TemplateNames
{
    /// <summary>The one kind of template so far: the quarterly mass-mobilisation report.</summary>
    public const string ReportTemplateId = "DANVAN.BAOCAO";

    public const string ReportSheet = "BaoCao";

    /// <summary>Very hidden sheet with the identity as key/value rows (column A key, column B value).</summary>
    public const string IdentitySheet = "_DanVan";

    /// <summary>Workbook-scoped name of an indicator's input cell, e.g. <c>DV_LD_VANBAN</c>.</summary>
    public static string ForIndicator(string code) => "DV_" + code;

    /// <summary>
    /// Hidden column of the report sheet holding each input row's indicator code, so a reader finds the cells
    /// without defined names (an .xls, or a workbook whose names were lost to copy-and-paste or an old tool).
    /// Numbers are typed in column D of that row, narratives in column B (the first cell of the merged box).
    /// </summary>
    public const int CodeColumn = 5;
    public const int NumberInputColumn = 4;
    public const int TextInputColumn = 2;

    /// <summary>Identity names point at the value cells of the hidden sheet; the double underscore keeps them apart from indicator codes.</summary>
    public const string TemplateIdName = "DV__TEMPLATE_ID";
    public const string TemplateVersionName = "DV__TEMPLATE_VERSION";
    public const string CatalogueVersionName = "DV__CATALOGUE_VERSION";
    public const string UnitName = "DV__UNIT";
    public const string PeriodName = "DV__PERIOD";

    /// <summary>Keys in the hidden sheet and in the custom document properties (third copy of the identity).</summary>
    public const string TemplateIdKey = "DanVan.TemplateId";
    public const string TemplateVersionKey = "DanVan.TemplateVersion";
    public const string CatalogueVersionKey = "DanVan.CatalogueVersion";
    public const string UnitKey = "DanVan.UnitCode";
    public const string PeriodKey = "DanVan.Period";

    internal static readonly (string Name, string Key)[] IdentityFields =
    [
        (TemplateIdName, TemplateIdKey),
        (TemplateVersionName, TemplateVersionKey),
        (CatalogueVersionName, CatalogueVersionKey),
        (UnitName, UnitKey),
        (PeriodName, PeriodKey),
    ];
}
