namespace DanVan.Core.Catalogue;

public enum CatalogueChangeKind
{
    /// <summary>A code active in the newer version and not in the older one.</summary>
    Added,
    /// <summary>Same code (same meaning), new label or unit.</summary>
    Relabelled,
    /// <summary>Active in the older version, retired in the newer one.</summary>
    Retired,
}

/// <summary>One change between consecutive catalogue versions, with the reason the seed gives (<c>note</c> column).</summary>
public sealed record CatalogueChange(CatalogueChangeKind Kind, string Code, string NameVi, string? PreviousNameVi, string? NoteVi)
{
    /// <summary>What changed from <paramref name="older"/> to <paramref name="newer"/>, in the newer version's layout order.</summary>
    public static IReadOnlyList<CatalogueChange> Between(IndicatorCatalogue older, IndicatorCatalogue newer)
    {
        var changes = new List<CatalogueChange>();
        foreach (var i in newer.Indicators)
        {
            if (older.Find(i.Code) is not { } before)
            {
                changes.Add(new CatalogueChange(CatalogueChangeKind.Added, i.Code, i.NameVi, null, newer.NoteOf(i.Code)));
            }
            else if (before.NameVi != i.NameVi || before.UnitVi != i.UnitVi)
            {
                changes.Add(new CatalogueChange(CatalogueChangeKind.Relabelled, i.Code, i.NameVi, before.NameVi, newer.NoteOf(i.Code)));
            }
        }
        foreach (var i in older.Indicators.Where(i => newer.Find(i.Code) is null))
        {
            changes.Add(new CatalogueChange(CatalogueChangeKind.Retired, i.Code, i.NameVi, null, newer.NoteOf(i.Code)));
        }
        return changes;
    }
}
