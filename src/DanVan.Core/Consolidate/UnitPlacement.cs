using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>A participant and the district it rolls up into (its own code for a district; null if none).</summary>
internal sealed record PlacedUnit(Participant Participant, string? DistrictCode)
{
    public ReportingUnit Unit => Participant.Unit;
}

/// <summary>Orders units for documents: departments, each district followed by its communes, other communes.</summary>
internal static class UnitPlacement
{
    public static IReadOnlyList<PlacedUnit> Place(IReadOnlyList<Participant> participants)
    {
        var districts = new Dictionary<string, Participant>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in participants.Where(p => p.Unit.Level == UnitLevel.Huyen))
        {
            districts.TryAdd(d.Unit.Code, d);
        }
        var communesOf = new Dictionary<string, List<Participant>>(StringComparer.OrdinalIgnoreCase);
        var direct = new List<Participant>();
        foreach (var commune in participants.Where(p => p.Unit.Level == UnitLevel.Xa))
        {
            // A commune rolls up into its district only while that district exists (before 1 July 2025).
            if (commune.Unit.ParentCodeAt(commune.PlacedAt) is { } parent
                && districts.TryGetValue(parent, out var district)
                && district.Unit.IsValidAt(commune.PlacedAt))
            {
                if (!communesOf.TryGetValue(district.Unit.Code, out var list))
                {
                    communesOf[district.Unit.Code] = list = [];
                }
                list.Add(commune);
            }
            else
            {
                direct.Add(commune);
            }
        }

        var placed = new List<PlacedUnit>(participants.Count);
        placed.AddRange(participants.Where(p => p.Unit.Level == UnitLevel.So).Select(p => new PlacedUnit(p, null)));
        foreach (var district in participants.Where(p => p.Unit.Level == UnitLevel.Huyen))
        {
            placed.Add(new PlacedUnit(district, district.Unit.Code));
            if (ReferenceEquals(districts[district.Unit.Code], district))
            {
                placed.AddRange(communesOf.GetValueOrDefault(district.Unit.Code, []).Select(c => new PlacedUnit(c, district.Unit.Code)));
            }
        }
        placed.AddRange(direct.Select(c => new PlacedUnit(c, null)));
        return placed;
    }
}
