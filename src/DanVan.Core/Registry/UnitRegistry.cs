using DanVan.Core.Calendar;

namespace DanVan.Core.Registry;

/// <summary>The effective-dated registry of reporting units (seeds/registry/).</summary>
public sealed class UnitRegistry
{
    private static readonly Lazy<UnitRegistry> DefaultRegistry = new(RegistryLoader.LoadFromSeeds);

    private readonly Dictionary<string, ReportingUnit[]> _byCode;
    private readonly Dictionary<string, ReportingUnit[]> _byKey;

    public UnitRegistry(IReadOnlyList<ReportingUnit> units)
        : this(units, [])
    {
    }

    public UnitRegistry(IReadOnlyList<ReportingUnit> units, IReadOnlyList<RegistryGap> gaps)
    {
        All = units;
        Gaps = gaps;
        _byCode = units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byKey = units.GroupBy(u => UnitNames.Key(u.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public static UnitRegistry Default => DefaultRegistry.Value;

    public IReadOnlyList<ReportingUnit> All { get; }

    /// <summary>Date ranges where the registry knowingly lacks units (see seeds/registry/gaps.csv).</summary>
    public IReadOnlyList<RegistryGap> Gaps { get; }

    /// <summary>The stated gap covering this date, or null when the registry is complete there.</summary>
    public RegistryGap? GapAt(DateOnly date) => Gaps.FirstOrDefault(g => g.Covers(date));

    /// <summary>Units valid at a date that report (every level but the province), in registry order.</summary>
    public IReadOnlyList<ReportingUnit> ReportingAt(DateOnly date) =>
        All.Where(u => u.Reports && u.IsValidAt(date)).ToArray();

    /// <summary>Units expected to report for a period: those valid at the end of its data window.</summary>
    public IReadOnlyList<ReportingUnit> ExpectedFor(ReportingPeriod period) => ReportingAt(period.WindowEnd);

    /// <summary>The gap, if any, that makes <see cref="ExpectedFor"/> incomplete for this period.</summary>
    public RegistryGap? GapFor(ReportingPeriod period) => GapAt(period.WindowEnd);

    /// <summary>
    /// The registry's unit for a code a person typed (trimmed, any case) at a date: every entry point (CLI, portal)
    /// replaces what was typed by <c>unit.Code</c>, so "so-vpub" and "SO-VPUB" are never two units.
    /// </summary>
    public bool TryCanonical(string? typed, DateOnly at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReportingUnit? unit)
    {
        unit = string.IsNullOrWhiteSpace(typed) ? null : FindByCode(typed, at);
        return unit is not null;
    }

    public ReportingUnit? FindByCode(string code, DateOnly at) =>
        _byCode.TryGetValue(code.Trim(), out var versions) ? versions.FirstOrDefault(u => u.IsValidAt(at)) : null;

    /// <summary>Every version of a code, oldest first (codes are reused across the 2025 merger).</summary>
    public IReadOnlyList<ReportingUnit> Versions(string code) =>
        _byCode.TryGetValue(code.Trim(), out var versions) ? versions.OrderBy(u => u.ValidFrom).ToArray() : [];

    /// <summary>One unit version by its identity <c>(Code, ValidFrom)</c>.</summary>
    public ReportingUnit? FindVersion(string code, DateOnly validFrom) =>
        Versions(code).FirstOrDefault(u => u.ValidFrom == validFrom);

    /// <summary>
    /// Lookup insensitive to diacritics, NFC/NFD, case, spacing, punctuation and prefixes such as
    /// "UBND", "Xã", "TP.". When several units share the folded name, those matching the diacritics
    /// and then the written unit type ("Huyện", "Thị trấn") are preferred; a real tie returns them all.
    /// </summary>
    public IReadOnlyList<ReportingUnit> FindByName(string name, DateOnly at)
    {
        if (string.IsNullOrWhiteSpace(name) || !_byKey.TryGetValue(UnitNames.Key(name), out var all))
        {
            return [];
        }
        var candidates = all.Where(u => u.IsValidAt(at)).ToArray();
        candidates = Prefer(candidates, u => UnitNames.ExactKey(u.Name) == UnitNames.ExactKey(name));
        var typed = TypedKey(name);
        return Prefer(candidates, u => TypedKey(u.Name) == typed);
    }

    /// <summary>Units whose parent at the date is this unit.</summary>
    public IReadOnlyList<ReportingUnit> Children(string code, DateOnly at) =>
        All.Where(u => u.IsValidAt(at) && string.Equals(u.ParentCodeAt(at), code.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>The unit and its ancestors at a date, nearest first, ending at the province.</summary>
    public IReadOnlyList<ReportingUnit> ParentChain(string code, DateOnly at)
    {
        var chain = new List<ReportingUnit>();
        var current = FindByCode(code, at);
        while (current is not null && chain.Count < 10)
        {
            chain.Add(current);
            var parent = current.ParentCodeAt(at);
            current = parent is null ? null : FindByCode(parent, at);
        }
        return chain;
    }

    private static ReportingUnit[] Prefer(ReportingUnit[] candidates, Func<ReportingUnit, bool> better)
    {
        var preferred = candidates.Where(better).ToArray();
        return preferred.Length > 0 ? preferred : candidates;
    }

    // The folded name with "UBND" removed but the unit type kept: "UBND huyện Ba Tơ" → "huyen ba to".
    private static string TypedKey(string name)
    {
        var folded = UnitNames.Fold(name);
        foreach (var prefix in (string[])["uy ban nhan dan ", "ubnd "])
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                folded = folded[prefix.Length..];
            }
        }
        return folded;
    }
}
