using DanVan.Core.Calendar;

namespace DanVan.Core.Registry;

/// <summary>The effective-dated registry of reporting units (seeds/registry/).</summary>
public sealed class UnitRegistry(IReadOnlyList<ReportingUnit> units)
{
    private static readonly Lazy<UnitRegistry> DefaultRegistry = new(RegistryLoader.LoadFromSeeds);

    public static UnitRegistry Default => DefaultRegistry.Value;

    public IReadOnlyList<ReportingUnit> All { get; } = units;

    /// <summary>Units valid at a date that report (every level but the province), in registry order.</summary>
    public IReadOnlyList<ReportingUnit> ReportingAt(DateOnly date) =>
        All.Where(u => u.Reports && u.IsValidAt(date)).ToArray();

    /// <summary>Units expected to report for a period: those valid at the end of its data window.</summary>
    public IReadOnlyList<ReportingUnit> ExpectedFor(ReportingPeriod period) => ReportingAt(period.WindowEnd);

    public ReportingUnit? FindByCode(string code, DateOnly at) =>
        All.FirstOrDefault(u => u.IsValidAt(at) && string.Equals(u.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Lookup insensitive to diacritics, NFC/NFD, case and prefixes such as "UBND", "Xã".</summary>
    public IReadOnlyList<ReportingUnit> FindByName(string name, DateOnly at)
    {
        var key = UnitNames.Key(name);
        return All.Where(u => u.IsValidAt(at) && UnitNames.Key(u.Name) == key).ToArray();
    }

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
}
