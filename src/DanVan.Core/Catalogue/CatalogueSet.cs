namespace DanVan.Core.Catalogue;

/// <summary>Every catalogue version in <c>seeds/catalogue/</c>; older templates stay readable by their version.</summary>
public sealed class CatalogueSet(IReadOnlyList<IndicatorCatalogue> versions)
{
    public static CatalogueSet Default { get; } = CatalogueLoader.LoadFromSeeds();

    public IReadOnlyList<IndicatorCatalogue> Versions { get; } = versions.OrderBy(v => v.Version).ToArray();

    public IndicatorCatalogue Latest => Versions[^1];

    public IndicatorCatalogue? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);

    public IndicatorCatalogue Get(int version) => Find(version)
        ?? throw new KeyNotFoundException($"Catalogue version {version} is not known.");
}
