namespace DanVan.Core.Catalogue;

/// <summary>One version of the indicator catalogue, in layout order.</summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, Indicator> _byCode;

    public IndicatorCatalogue(int version, IReadOnlyList<Section> sections, IReadOnlyList<Indicator> indicators)
    {
        Version = version;
        Sections = sections;
        Indicators = indicators
            .OrderBy(i => sections.ToList().FindIndex(s => s.Code == i.Section))
            .ThenBy(i => i.Order)
            .ToArray();
        _byCode = Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
    }

    public int Version { get; }

    public IReadOnlyList<Section> Sections { get; }

    public IReadOnlyList<Indicator> Indicators { get; }

    public IEnumerable<Indicator> Inputs => Indicators.Where(i => i.IsInput);

    public IEnumerable<Indicator> InSection(string section) => Indicators.Where(i => i.Section == section);

    public Indicator? Find(string code) => _byCode.GetValueOrDefault(code);

    public Indicator this[string code] => _byCode.TryGetValue(code, out var i)
        ? i
        : throw new KeyNotFoundException($"Indicator '{code}' is not in catalogue v{Version}.");
}
