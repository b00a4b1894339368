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

    /// <summary>
    /// The newest active definition of a code in any version (for labels when aggregating across
    /// versions by code), or null if no version ever had it active.
    /// </summary>
    public Indicator? Describe(string code) =>
        Versions.Reverse().Select(v => v.Find(code)).FirstOrDefault(i => i is not null);

    /// <summary>Every code any version defines, active or retired.</summary>
    public IReadOnlyList<string> AllCodes => Versions
        .SelectMany(v => v.Indicators.Concat(v.Retired))
        .Select(i => i.Code)
        .Distinct(StringComparer.Ordinal)
        .ToArray();
}
