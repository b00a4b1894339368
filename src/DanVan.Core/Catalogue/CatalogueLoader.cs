using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Calendar;
using DanVan.Core.Text;

namespace DanVan.Core.Catalogue;

/// <summary>
/// Parses <c>indicators-vN.csv</c> and <c>sections-vN.csv</c> pairs and checks their integrity, so a
/// broken catalogue fails at load time with a message naming the file, line and code.
/// </summary>
public static partial class CatalogueLoader
{
    public static CatalogueSet LoadFromSeeds()
    {
        var versions = new List<IndicatorCatalogue>();
        foreach (var name in Seeds.Names())
        {
            var m = IndicatorFile().Match(name);
            if (!m.Success)
            {
                continue;
            }
            var version = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            versions.Add(Parse(version, Seeds.ReadText(name), Seeds.ReadText($"catalogue/sections-v{version}.csv")));
        }
        var set = Combine(versions, ParseSchedule(Seeds.ReadText(VersionsFile)));
        CatalogueValidator.RequireChangeNotes(set.Versions);
        return set;
    }

    public const string VersionsFile = "catalogue/versions.csv";

    /// <summary>A set of versions with the quarter each takes effect from, checked against each other.</summary>
    public static CatalogueSet Combine(IReadOnlyList<IndicatorCatalogue> versions, IReadOnlyList<CatalogueEffect> schedule)
    {
        var set = Combine(versions);
        CatalogueValidator.ValidateSchedule(set.Versions, schedule);
        return new CatalogueSet(set.Versions, schedule);
    }

    /// <summary><c>versions.csv</c>: <c>version,effective_from,reason_vi</c>; <c>effective_from</c> is a quarter key such as 2027-Q2.</summary>
    public static IReadOnlyList<CatalogueEffect> ParseSchedule(string csv) =>
        CsvTable.Read(csv, "versions.csv", "version", "effective_from", "reason_vi")
            .Select(r =>
            {
                var version = int.TryParse(r.Required("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw r.Error("version is not a whole number");
                if (!PeriodKey.TryParse(r.Required("effective_from"), out var from) || from.IsCumulative)
                {
                    throw r.Error($"effective_from of version {version} must be a quarter such as 2027-Q2");
                }
                return new CatalogueEffect(version, from, r.Required("reason_vi"));
            })
            .ToArray();

    /// <summary>A set of versions, checked against each other: a code keeps its kind and is never revived once retired.</summary>
    public static CatalogueSet Combine(IReadOnlyList<IndicatorCatalogue> versions)
    {
        if (versions.Count == 0)
        {
            throw new FormatException("No catalogue version is embedded (seeds/catalogue/indicators-vN.csv).");
        }
        CatalogueValidator.ValidateSet(versions);
        return new CatalogueSet(versions);
    }

    public static IndicatorCatalogue Parse(int version, string indicatorsCsv, string sectionsCsv)
    {
        var sectionsFile = $"sections-v{version}.csv";
        var sections = CsvTable.Read(sectionsCsv, sectionsFile, "section", "title_vi")
            .Select(r => new Section(r.Required("section"), r.Required("title_vi")))
            .ToArray();
        var file = $"indicators-v{version}.csv";
        var active = new List<Indicator>();
        var retired = new List<Indicator>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(indicatorsCsv, file, "code", "section", "order", "name_vi", "unit_vi", "kind", "numerator", "denominator", "rule"))
        {
            var code = r.Required("code");
            var indicator = new Indicator(
                code,
                r.Required("section"),
                int.TryParse(r.Required("order"), NumberStyles.None, CultureInfo.InvariantCulture, out var order) ? order : throw r.Error($"order of {code} is not a whole number"),
                r.Required("name_vi"),
                r.Optional("unit_vi") ?? "",
                ParseKind(r.Required("kind"), r),
                r.Optional("numerator"),
                r.Optional("denominator"),
                ParseRule(code, r.Optional("rule") ?? ""));
            (IsRetired(r) ? retired : active).Add(indicator);
            if (r.Optional("note") is { } note)
            {
                notes[code] = note;
            }
        }
        var catalogue = new IndicatorCatalogue(version, sections, active, retired) { Notes = notes };
        CatalogueValidator.Validate(catalogue);
        return catalogue;
    }

    // Optional column: a later version keeps a retired code's row with retired=yes, so the code is
    // documented and can never be reused, while templates of that version no longer carry it.
    private static bool IsRetired(CsvTable.Row r) => r.Optional("retired")?.ToLowerInvariant() switch
    {
        null or "no" or "false" or "0" => false,
        "yes" or "true" or "1" => true,
        var v => throw r.Error($"retired must be yes or blank, not '{v}'"),
    };

    private static IndicatorKind ParseKind(string kind, CsvTable.Row row) => kind switch
    {
        "count" => IndicatorKind.Count,
        "snapshot" => IndicatorKind.Snapshot,
        "ratio" => IndicatorKind.Ratio,
        "text" => IndicatorKind.Text,
        _ => throw row.Error($"unknown indicator kind '{kind}' (count, snapshot, ratio or text)"),
    };

    internal static CrossFieldRule? ParseRule(string code, string rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return null;
        }
        var m = RuleText().Match(rule.Trim());
        if (!m.Success)
        {
            throw new FormatException($"Rule '{rule}' of {code} is not '<= CODE' or '>= CODE (warn)'.");
        }
        var op = m.Groups["op"].Value == "<=" ? RuleOperator.LessOrEqual : RuleOperator.GreaterOrEqual;
        var severity = m.Groups["warn"].Success ? Severity.Warning : Severity.Error;
        return new CrossFieldRule(code, op, m.Groups["right"].Value, severity);
    }

    [GeneratedRegex(@"^catalogue/indicators-v(\d+)\.csv$")]
    private static partial Regex IndicatorFile();

    [GeneratedRegex(@"^(?<op><=|>=)\s*(?<right>[A-Z0-9_]+)\s*(?<warn>\(warn\))?$")]
    private static partial Regex RuleText();
}
