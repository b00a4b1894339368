using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>An expected unit and the district it rolls up into (its own code for a district; null if none).</summary>
internal sealed record PlacedUnit(ReportingUnit Unit, string? DistrictCode);

/// <summary>Orders expected units for documents: departments, each district followed by its communes, other communes.</summary>
internal static class UnitPlacement
{
    public static IReadOnlyList<PlacedUnit> Place(IReadOnlyList<ReportingUnit> expected, DateOnly at)
    {
        var districts = expected.Where(u => u.Level == UnitLevel.Huyen)
            .ToDictionary(u => u.Code, u => u, StringComparer.OrdinalIgnoreCase);
        var communesOf = new Dictionary<string, List<ReportingUnit>>(StringComparer.OrdinalIgnoreCase);
        var direct = new List<ReportingUnit>();
        foreach (var commune in expected.Where(u => u.Level == UnitLevel.Xa))
        {
            // A commune rolls up into its district only while that district is itself expected (before 1 July 2025).
            if (commune.ParentCodeAt(at) is { } parent && districts.ContainsKey(parent))
            {
                var code = districts[parent].Code;
                if (!communesOf.TryGetValue(code, out var list))
                {
                    communesOf[code] = list = [];
                }
                list.Add(commune);
            }
            else
            {
                direct.Add(commune);
            }
        }

        var placed = new List<PlacedUnit>(expected.Count);
        placed.AddRange(expected.Where(u => u.Level == UnitLevel.So).Select(u => new PlacedUnit(u, null)));
        foreach (var district in districts.Values.OrderBy(d => IndexOf(expected, d)))
        {
            placed.Add(new PlacedUnit(district, district.Code));
            placed.AddRange(communesOf.GetValueOrDefault(district.Code, []).Select(c => new PlacedUnit(c, district.Code)));
        }
        placed.AddRange(direct.Select(c => new PlacedUnit(c, null)));
        return placed;
    }

    private static int IndexOf(IReadOnlyList<ReportingUnit> units, ReportingUnit unit)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (ReferenceEquals(units[i], unit))
            {
                return i;
            }
        }
        return -1;
    }
}
