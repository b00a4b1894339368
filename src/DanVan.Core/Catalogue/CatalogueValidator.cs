using System.Text.RegularExpressions;

namespace DanVan.Core.Catalogue;

/// <summary>Integrity rules of a catalogue version and of the versions together (docs/domain.md).</summary>
public static partial class CatalogueValidator
{
    public static void Validate(IndicatorCatalogue catalogue)
    {
        var v = catalogue.Version;
        void Fail(string message) => throw new FormatException($"Catalogue v{v}: {message}.");

        if (catalogue.Sections.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != catalogue.Sections.Count)
        {
            Fail("a section code appears twice");
        }
        var all = catalogue.Indicators.Concat(catalogue.Retired).ToArray();
        foreach (var dup in all.GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Fail($"code {dup.Key} appears twice");
        }
        foreach (var i in all.Where(i => !CodePattern().IsMatch(i.Code)))
        {
            Fail($"code '{i.Code}' must be A–Z, 0–9 and _");
        }
        foreach (var i in catalogue.Indicators)
        {
            if (catalogue.Sections.All(s => s.Code != i.Section))
            {
                Fail($"{i.Code} is in section {i.Section}, which is not in sections-v{v}.csv");
            }
            if (i.Kind == IndicatorKind.Ratio)
            {
                if (i.Numerator is null || i.Denominator is null)
                {
                    Fail($"ratio {i.Code} needs a numerator and a denominator");
                }
                RequireNumericInput(catalogue, i.Code, i.Numerator!, "numerator");
                RequireNumericInput(catalogue, i.Code, i.Denominator!, "denominator");
            }
            else if (i.Numerator is not null || i.Denominator is not null)
            {
                Fail($"{i.Code} is not a ratio but has a numerator or denominator");
            }
            if (i.Rule is { } rule)
            {
                if (!i.IsInput || !i.IsNumeric)
                {
                    Fail($"{i.Code} has a rule but is not a numeric input");
                }
                RequireNumericInput(catalogue, i.Code, rule.Right, "rule target");
                if (rule.Right == i.Code)
                {
                    Fail($"the rule of {i.Code} compares it with itself");
                }
            }
        }
        foreach (var dup in catalogue.Indicators.GroupBy(i => (i.Section, i.Order)).Where(g => g.Count() > 1))
        {
            Fail($"{string.Join(" and ", dup.Select(i => i.Code))} share order {dup.Key.Order} in section {dup.Key.Section}");
        }
    }

    /// <summary>Across versions: versions unique, a code keeps its kind, a retired code never comes back.</summary>
    public static void ValidateSet(IReadOnlyList<IndicatorCatalogue> versions)
    {
        var ordered = versions.OrderBy(c => c.Version).ToArray();
        if (ordered.Select(c => c.Version).Distinct().Count() != ordered.Length)
        {
            throw new FormatException("Two catalogues carry the same version number.");
        }
        var kinds = new Dictionary<string, (IndicatorKind Kind, int Version)>(StringComparer.Ordinal);
        var retiredIn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in ordered)
        {
            foreach (var i in c.Indicators.Concat(c.Retired))
            {
                if (kinds.TryGetValue(i.Code, out var seen) && seen.Kind != i.Kind)
                {
                    throw new FormatException($"Catalogue v{c.Version}: {i.Code} is {i.Kind} but was {seen.Kind} in v{seen.Version}; a code is never reused for another meaning.");
                }
                kinds[i.Code] = (i.Kind, c.Version);
            }
            foreach (var i in c.Indicators.Where(i => retiredIn.ContainsKey(i.Code)))
            {
                throw new FormatException($"Catalogue v{c.Version}: {i.Code} was retired in v{retiredIn[i.Code]} and cannot come back.");
            }
            foreach (var i in c.Retired)
            {
                retiredIn.TryAdd(i.Code, c.Version);
            }
        }
    }

    /// <summary>Every version has exactly one effective quarter, and a later version takes effect later.</summary>
    public static void ValidateSchedule(IReadOnlyList<IndicatorCatalogue> versions, IReadOnlyList<CatalogueEffect> schedule)
    {
        foreach (var dup in schedule.GroupBy(e => e.Version).Where(g => g.Count() > 1))
        {
            throw new FormatException($"versions.csv: version {dup.Key} appears twice.");
        }
        foreach (var c in versions.Where(c => schedule.All(e => e.Version != c.Version)))
        {
            throw new FormatException($"versions.csv: catalogue v{c.Version} has no effective_from.");
        }
        foreach (var e in schedule.Where(e => versions.All(c => c.Version != e.Version)))
        {
            throw new FormatException($"versions.csv: version {e.Version} has no indicators-v{e.Version}.csv.");
        }
        var ordered = schedule.OrderBy(e => e.Version).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].From.CompareTo(ordered[i - 1].From) <= 0)
            {
                throw new FormatException($"versions.csv: v{ordered[i].Version} must take effect after v{ordered[i - 1].Version} ({ordered[i - 1].From}), not {ordered[i].From}.");
            }
        }
    }

    /// <summary>Seeds only: every code a version adds, relabels or retires says why (the <c>note</c> column), so the change list in docs/domain.md has a source.</summary>
    public static void RequireChangeNotes(IReadOnlyList<IndicatorCatalogue> versions)
    {
        for (var i = 1; i < versions.Count; i++)
        {
            foreach (var change in CatalogueChange.Between(versions[i - 1], versions[i]).Where(c => string.IsNullOrWhiteSpace(c.NoteVi)))
            {
                throw new FormatException($"Catalogue v{versions[i].Version}: {change.Code} is {change.Kind.ToString().ToLowerInvariant()} without a note saying why.");
            }
        }
    }

    private static void RequireNumericInput(IndicatorCatalogue catalogue, string owner, string code, string role)
    {
        var target = catalogue.Find(code);
        if (target is null)
        {
            throw new FormatException($"Catalogue v{catalogue.Version}: the {role} {code} of {owner} is not an indicator of this version.");
        }
        if (!target.IsInput || !target.IsNumeric)
        {
            throw new FormatException($"Catalogue v{catalogue.Version}: the {role} {code} of {owner} must be a numeric input (count or snapshot), not {target.Kind}.");
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex CodePattern();
}
