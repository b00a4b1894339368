using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Text;

namespace DanVan.Core.Catalogue;

/// <summary>Parses <c>indicators-vN.csv</c> and <c>sections-vN.csv</c> pairs.</summary>
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
        return new CatalogueSet(versions);
    }

    public static IndicatorCatalogue Parse(int version, string indicatorsCsv, string sectionsCsv)
    {
        var sections = Csv.Parse(sectionsCsv).Skip(1)
            .Select(r => new Section(r[0], r[1]))
            .ToArray();
        var rows = Csv.Parse(indicatorsCsv);
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"Catalogue v{version} lacks column '{name}'.");
        var indicators = rows.Skip(1).Select(r => new Indicator(
            r[Col("code")],
            r[Col("section")],
            int.Parse(r[Col("order")], CultureInfo.InvariantCulture),
            r[Col("name_vi")],
            r[Col("unit_vi")],
            ParseKind(r[Col("kind")]),
            NullIfEmpty(r[Col("numerator")]),
            NullIfEmpty(r[Col("denominator")]),
            ParseRule(r[Col("code")], r[Col("rule")]))).ToArray();
        return new IndicatorCatalogue(version, sections, indicators);
    }

    private static IndicatorKind ParseKind(string kind) => kind switch
    {
        "count" => IndicatorKind.Count,
        "snapshot" => IndicatorKind.Snapshot,
        "ratio" => IndicatorKind.Ratio,
        "text" => IndicatorKind.Text,
        _ => throw new FormatException($"Unknown indicator kind '{kind}'."),
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

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^catalogue/indicators-v(\d+)\.csv$")]
    private static partial Regex IndicatorFile();

    [GeneratedRegex(@"^(?<op><=|>=)\s*(?<right>[A-Z0-9_]+)\s*(?<warn>\(warn\))?$")]
    private static partial Regex RuleText();
}
