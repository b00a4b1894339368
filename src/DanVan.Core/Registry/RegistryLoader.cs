using System.Globalization;
using DanVan.Core.Text;

namespace DanVan.Core.Registry;

/// <summary>
/// Reads the effective-dated registry from seeds/registry/: <c>units.csv</c> (one row per unit
/// version), <c>lineage.csv</c> (links between versions) and <c>gaps.csv</c> (stated gaps).
/// The format is described in docs/domain.md; every inconsistency is a <see cref="FormatException"/>.
/// </summary>
public static class RegistryLoader
{
    public static UnitRegistry LoadFromSeeds() => Parse(
        Seeds.ReadText("registry/units.csv"),
        Seeds.ReadText("registry/lineage.csv"),
        Seeds.ReadText("registry/gaps.csv"));

    public static UnitRegistry Parse(string unitsCsv, string? lineageCsv = null, string? gapsCsv = null)
    {
        var lineage = lineageCsv is null ? [] : ParseLineage(lineageCsv);
        var units = new List<ReportingUnit>();
        foreach (var row in CsvTable.Read(unitsCsv, "units.csv", "code", "valid_from", "valid_to", "level", "name", "parents"))
        {
            var code = row.Required("code");
            var from = row.Date("valid_from");
            var to = row.OptionalDate("valid_to");
            if (to < from)
            {
                throw row.Error($"valid_to {to:yyyy-MM-dd} is before valid_from {from:yyyy-MM-dd}");
            }
            var level = UnitLevels.Parse(row.Required("level"));
            var parents = ParseParents(row, from, to);
            if (level == UnitLevel.Tinh ? parents.Count > 0 : parents.Count == 0)
            {
                throw row.Error(level == UnitLevel.Tinh ? "the province has no parent" : "a reporting unit needs a parent");
            }
            var links = lineage.GetValueOrDefault((code, from), []);
            units.Add(new ReportingUnit(code, row.Required("name").Normalize(), level, from, to, parents, links)
            {
                Note = row.Optional("note"),
                Source = row.Optional("source"),
            });
        }
        var gaps = gapsCsv is null ? [] : ParseGaps(gapsCsv);
        Validate(units, lineage);
        return new UnitRegistry(units, gaps);
    }

    // "522" = that parent for the whole validity; "522@2025-01-01..2025-06-30;51@2025-07-01.." = spans.
    private static List<ParentSpan> ParseParents(CsvTable.Row row, DateOnly from, DateOnly? to)
    {
        var text = row.Optional("parents");
        if (text is null)
        {
            return [];
        }
        var spans = new List<ParentSpan>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
            {
                spans.Add(new ParentSpan(part, from, to));
                continue;
            }
            var range = part[(at + 1)..].Split("..");
            if (range.Length != 2)
            {
                throw row.Error($"parent span '{part}' is not CODE@FROM..TO");
            }
            spans.Add(new ParentSpan(part[..at], CsvTable.ParseDate(range[0], row), range[1].Length == 0 ? null : CsvTable.ParseDate(range[1], row)));
        }
        foreach (var s in spans)
        {
            if (s.From < from || (to is not null && (s.To is null || s.To > to)) || s.To < s.From)
            {
                throw row.Error($"parent span {s.ParentCode} {s.From:yyyy-MM-dd}..{s.To:yyyy-MM-dd} lies outside the unit's validity");
            }
        }
        if (spans.OrderBy(s => s.From).Zip(spans.OrderBy(s => s.From).Skip(1)).Any(p => p.First.To is null || p.First.To >= p.Second.From))
        {
            throw row.Error("parent spans overlap");
        }
        return spans;
    }

    private static Dictionary<(string, DateOnly), List<Lineage>> ParseLineage(string csv)
    {
        var map = new Dictionary<(string, DateOnly), List<Lineage>>();
        foreach (var row in CsvTable.Read(csv, "lineage.csv", "code", "valid_from", "kind", "other_code", "other_valid_from"))
        {
            var kind = row.Required("kind") switch
            {
                "merged_into" => LineageKind.MergedInto,
                "split_from" => LineageKind.SplitFrom,
                "renamed_to" => LineageKind.RenamedTo,
                "code_reused_by" => LineageKind.CodeReusedBy,
                "code_reused_from" => LineageKind.CodeReusedFrom,
                var k => throw row.Error($"unknown lineage kind '{k}'"),
            };
            var key = (row.Required("code"), row.Date("valid_from"));
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }
            list.Add(new Lineage(kind, row.Required("other_code"), row.Date("other_valid_from"), row.Optional("note"))
            {
                OtherName = row.Optional("other_name"),
                OtherProvince = row.Optional("other_province"),
            });
        }
        return map;
    }

    private static List<RegistryGap> ParseGaps(string csv) =>
        CsvTable.Read(csv, "gaps.csv", "from", "to", "levels", "note_vi", "note_en").Select(row => new RegistryGap(
            row.Date("from"),
            row.Date("to"),
            row.Required("levels").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(UnitLevels.Parse).ToArray(),
            row.Required("note_vi"),
            row.Required("note_en"),
            row.Optional("source"))).ToList();

    private static void Validate(List<ReportingUnit> units, Dictionary<(string, DateOnly), List<Lineage>> lineage)
    {
        foreach (var group in units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase))
        {
            var versions = group.OrderBy(u => u.ValidFrom).ToArray();
            for (var i = 1; i < versions.Length; i++)
            {
                if (versions[i - 1].ValidTo is null || versions[i - 1].ValidTo >= versions[i].ValidFrom)
                {
                    throw new FormatException($"units.csv: two versions of code {group.Key} overlap at {versions[i].ValidFrom:yyyy-MM-dd}; a code names at most one unit at a date.");
                }
            }
        }
        var registry = new UnitRegistry(units);
        foreach (var u in units)
        {
            foreach (var p in u.Parents)
            {
                // The parent must exist over the whole span: check its ends and every date where a
                // version of the parent code starts or ends inside it (an open span must have an open parent).
                var boundaries = registry.Versions(p.ParentCode)
                    .SelectMany(v => v.ValidTo is { } to ? new[] { v.ValidFrom, to, to.AddDays(1) } : [v.ValidFrom])
                    .Append(p.From)
                    .Concat(p.To is { } end ? [end] : [])
                    .Where(p.Covers)
                    .Distinct();
                foreach (var date in boundaries)
                {
                    var parent = registry.FindByCode(p.ParentCode, date)
                        ?? throw new FormatException($"units.csv: parent {p.ParentCode} of {u.Code} ({u.ValidFrom:yyyy-MM-dd}) does not exist on {date:yyyy-MM-dd}.");
                    if (parent.Level >= u.Level)
                    {
                        throw new FormatException($"units.csv: parent {p.ParentCode} of {u.Code} is not above it in the hierarchy.");
                    }
                }
            }
        }
        foreach (var ((code, from), links) in lineage)
        {
            if (registry.FindVersion(code, from) is null)
            {
                throw new FormatException($"lineage.csv: unit {code} valid from {from:yyyy-MM-dd} is not in units.csv.");
            }
            foreach (var l in links.Where(l => !l.OutsideRegistry && registry.FindVersion(l.OtherCode, l.OtherValidFrom) is null))
            {
                throw new FormatException($"lineage.csv: {code} links to {l.OtherCode} valid from {l.OtherValidFrom:yyyy-MM-dd}, which is not in units.csv (set other_province for units outside the registry).");
            }
        }
    }
}
