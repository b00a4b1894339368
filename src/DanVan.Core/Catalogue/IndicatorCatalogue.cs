namespace DanVan.Core.Catalogue;

/// <summary>One version of the indicator catalogue, in layout order.</summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, Indicator> _byCode;

    public IndicatorCatalogue(int version, IReadOnlyList<Section> sections, IReadOnlyList<Indicator> indicators)
        : this(version, sections, indicators, [])
    {
    }

    /// <param name="retired">Codes this version retires: kept for the record, absent from its templates.</param>
    public IndicatorCatalogue(int version, IReadOnlyList<Section> sections, IReadOnlyList<Indicator> indicators, IReadOnlyList<Indicator> retired)
    {
        Version = version;
        Sections = sections;
        // Tolerant of duplicates here: CatalogueValidator reports them with a clear message.
        var sectionOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (s, i) in sections.Select((s, i) => (s, i)))
        {
            sectionOrder.TryAdd(s.Code, i);
        }
        Indicators = indicators
            .OrderBy(i => sectionOrder.GetValueOrDefault(i.Section, int.MaxValue))
            .ThenBy(i => i.Order)
            .ToArray();
        Retired = retired;
        _byCode = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var i in Indicators)
        {
            _byCode.TryAdd(i.Code, i);
        }
    }

    public int Version { get; }

    public IReadOnlyList<Section> Sections { get; }

    /// <summary>The active indicators: what this version's templates carry.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Codes retired by this version (not in <see cref="Indicators"/>).</summary>
    public IReadOnlyList<Indicator> Retired { get; }

    public IEnumerable<Indicator> Inputs => Indicators.Where(i => i.IsInput);

    /// <summary>Every cross-field rule of the active indicators, in layout order.</summary>
    public IEnumerable<CrossFieldRule> Rules => Indicators.Where(i => i.Rule is not null).Select(i => i.Rule!);

    public IEnumerable<Indicator> InSection(string section) => Indicators.Where(i => i.Section == section);

    public Section? FindSection(string code) => Sections.FirstOrDefault(s => s.Code == code);

    public bool IsRetired(string code) => Retired.Any(i => i.Code == code);

    public Indicator? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Why this version added, relabelled or retired a code (the seed's optional <c>note</c> column), by code.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? NoteOf(string code) => Notes.GetValueOrDefault(code);

    public Indicator this[string code] => _byCode.TryGetValue(code, out var i)
        ? i
        : throw new KeyNotFoundException($"Indicator '{code}' is not in catalogue v{Version}.");
}
