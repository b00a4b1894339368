using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;

namespace DanVan.Core.Consolidate;

/// <summary>
/// The indicators of a consolidation, by code across catalogue versions: the latest version's layout first,
/// then codes only older versions carry. Numeric indicators are indexed so per-unit figures are arrays.
/// </summary>
internal sealed class IndicatorLayout
{
    private IndicatorLayout(IReadOnlyList<IndicatorColumn> all)
    {
        All = all;
        Numeric = all.Where(i => i.IsNumeric).ToArray();
        Texts = all.Where(i => !i.IsNumeric).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Numeric.Count; i++)
        {
            index[Numeric[i].Code] = i;
        }
        NumericIndex = index;
        // A ratio whose numerator or denominator is not a known numeric code has no inputs (-1): it stays empty.
        RatioInputs = Numeric.Select(i => i.Kind == IndicatorKind.Ratio
            ? (Index(i.Numerator), Index(i.Denominator))
            : (-1, -1)).ToArray();

        int Index(string? code) => code is not null && index.TryGetValue(code, out var n) && Numeric[n].Kind != IndicatorKind.Ratio ? n : -1;
    }

    public IReadOnlyList<IndicatorColumn> All { get; }

    public IReadOnlyList<IndicatorColumn> Numeric { get; }

    public IReadOnlyList<IndicatorColumn> Texts { get; }

    public IReadOnlyDictionary<string, int> NumericIndex { get; }

    /// <summary>For each numeric indicator: the numerator and denominator indices of a ratio, else (-1, -1).</summary>
    public IReadOnlyList<(int Numerator, int Denominator)> RatioInputs { get; }

    /// <summary>
    /// The columns of one period: every indicator of the newest version used (the version in force for each of the
    /// period's quarters, and the version of each of its reports), under that version's labels; then codes only
    /// older versions carry (a retired code), and only when one of the period's reports has a value for them.
    /// Reports of compared periods do not add columns.
    /// </summary>
    public static IndicatorLayout Build(CatalogueSet catalogues, PeriodKey period, IReadOnlyList<UnitReport> reports)
    {
        var own = reports.Where(r => period.Quarters.Contains(r.Quarter)).ToArray();
        var used = catalogues.ByQuarter(period).Select(q => q.Catalogue.Version)
            .Concat(own.Select(r => r.CatalogueVersion))
            .ToHashSet();
        var versions = catalogues.Versions.Where(v => used.Contains(v.Version)).OrderByDescending(v => v.Version).ToArray();
        var columns = new List<IndicatorColumn>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var catalogue in versions)
        {
            var newest = catalogue == versions[0];
            var sections = catalogue.Sections.ToDictionary(s => s.Code, s => s.TitleVi, StringComparer.Ordinal);
            // Older versions: ratios after the inputs, so a ratio is kept only when both its parts were.
            var indicators = newest
                ? catalogue.Indicators
                : catalogue.Indicators.OrderBy(i => i.Kind == IndicatorKind.Ratio).ToArray();
            foreach (var i in indicators)
            {
                var keep = newest || (i.Kind == IndicatorKind.Ratio
                    ? seen.Contains(i.Numerator!) && seen.Contains(i.Denominator!)
                    : HasData(own, i.Code));
                if (keep && seen.Add(i.Code))
                {
                    columns.Add(new IndicatorColumn(
                        i.Code, i.Section, sections.GetValueOrDefault(i.Section, i.Section), i.NameVi, i.UnitVi, i.Kind, i.Numerator, i.Denominator));
                }
            }
        }
        return new IndicatorLayout(columns);
    }

    /// <summary>Versions a period combined: each version with the quarters it was in force for or reported under, oldest first.</summary>
    public static IReadOnlyList<CatalogueUse> Uses(CatalogueSet catalogues, PeriodKey period, IReadOnlyList<UnitReport> reports)
    {
        var quarters = new SortedDictionary<int, SortedSet<PeriodKey>>();
        void Add(int version, PeriodKey q)
        {
            if (catalogues.Find(version) is null)
            {
                return;
            }
            if (!quarters.TryGetValue(version, out var set))
            {
                quarters[version] = set = [];
            }
            set.Add(q);
        }
        foreach (var (q, c) in catalogues.ByQuarter(period))
        {
            Add(c.Version, q);
        }
        foreach (var r in reports.Where(r => period.Quarters.Contains(r.Quarter)))
        {
            Add(r.CatalogueVersion, r.Quarter);
        }
        return quarters.Select(kv => new CatalogueUse(kv.Key, kv.Value.ToArray())).ToArray();
    }

    private static bool HasData(IReadOnlyList<UnitReport> reports, string code) => reports.Any(r =>
        (r.Numbers.TryGetValue(code, out var n) && n is not null)
        || (r.Texts.TryGetValue(code, out var t) && !string.IsNullOrWhiteSpace(t)));

    /// <summary>The percentage of a ratio, rounded to one decimal; null when the denominator is 0 or unknown.</summary>
    public static decimal? Ratio(long? numerator, long? denominator) =>
        numerator is { } n && denominator is { } d && d > 0
            ? Math.Round(100m * n / d, 1, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>Values for display and storage: sums as they are, ratios recomputed from the summed inputs.</summary>
    public decimal?[] Values(long?[] inputs)
    {
        var values = new decimal?[Numeric.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (num, den) = RatioInputs[i];
            values[i] = Numeric[i].Kind == IndicatorKind.Ratio
                ? Ratio(num < 0 ? null : inputs[num], den < 0 ? null : inputs[den])
                : inputs[i];
        }
        return values;
    }
}
