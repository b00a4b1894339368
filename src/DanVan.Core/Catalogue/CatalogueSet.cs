using DanVan.Core.Calendar;

namespace DanVan.Core.Catalogue;

/// <summary>
/// Every catalogue version in <c>seeds/catalogue/</c> and the quarter each takes effect from
/// (<c>versions.csv</c>); older templates stay readable by their version.
/// </summary>
public sealed class CatalogueSet
{
    private readonly IReadOnlyList<CatalogueEffect> _schedule;

    /// <param name="schedule">
    /// When each version takes effect; without one (hand-made sets in tests) the latest version is in force for
    /// every period, as before versions had dates.
    /// </param>
    public CatalogueSet(IReadOnlyList<IndicatorCatalogue> versions, IReadOnlyList<CatalogueEffect>? schedule = null)
    {
        Versions = versions.OrderBy(v => v.Version).ToArray();
        _schedule = (schedule ?? []).OrderBy(e => e.Version).ToArray();
    }

    public static CatalogueSet Default { get; } = CatalogueLoader.LoadFromSeeds();

    public IReadOnlyList<IndicatorCatalogue> Versions { get; }

    public IndicatorCatalogue Latest => Versions[^1];

    /// <summary>When each version takes effect, oldest first (empty for a hand-made set).</summary>
    public IReadOnlyList<CatalogueEffect> Schedule => _schedule;

    public IndicatorCatalogue? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);

    public IndicatorCatalogue Get(int version) => Find(version)
        ?? throw new KeyNotFoundException($"Catalogue version {version} is not known.");

    /// <summary>
    /// The version in force for a period: the newest whose effective quarter is not after the period's last
    /// quarter (quarters before the first version's date use the first version). Templates of the period carry it.
    /// </summary>
    public IndicatorCatalogue For(PeriodKey period)
    {
        if (_schedule.Count == 0)
        {
            return Latest;
        }
        var quarter = period.Quarters[^1];
        var effect = _schedule.LastOrDefault(e => e.From.CompareTo(quarter) <= 0) ?? _schedule[0];
        return Get(effect.Version);
    }

    /// <summary>Each quarter of a period with the version in force for it (a cumulative period may span a switch).</summary>
    public IReadOnlyList<(PeriodKey Quarter, IndicatorCatalogue Catalogue)> ByQuarter(PeriodKey period) =>
        period.Quarters.Select(q => (q, For(q))).ToArray();

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

/// <summary>A row of <c>seeds/catalogue/versions.csv</c>: a version applies from the reporting quarter <paramref name="From"/>.</summary>
public sealed record CatalogueEffect(int Version, PeriodKey From, string ReasonVi);
