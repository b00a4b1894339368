using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// A unit version taking part in a period: <see cref="ExpectedIn"/> marks the period's quarters at whose window
/// end it was valid (its reports count only there); <see cref="PlacedAt"/> is the last such window end, where its
/// level and district are read; <see cref="ExpectedAtEnd"/> means it is expected for the period itself.
/// </summary>
internal sealed record Participant(ReportingUnit Unit, bool[] ExpectedIn, DateOnly PlacedAt)
{
    public bool ExpectedAtEnd => ExpectedIn[^1];
}

internal static class Participants
{
    /// <summary>
    /// Every unit version expected in at least one of the period's quarters, in registry order. A cumulative period
    /// spanning the 1 July 2025 change therefore keeps the districts' and old communes' earlier quarters.
    /// </summary>
    public static IReadOnlyList<Participant> Of(UnitRegistry registry, ReportingCalendar calendar, PeriodKey key)
    {
        var quarters = key.Quarters;
        var found = new Dictionary<ReportingUnit, Participant>(ReferenceEqualityComparer.Instance);
        for (var q = 0; q < quarters.Count; q++)
        {
            var window = calendar.Get(quarters[q]);
            foreach (var unit in registry.ExpectedFor(window))
            {
                if (found.TryGetValue(unit, out var p))
                {
                    p.ExpectedIn[q] = true;
                    found[unit] = p with { PlacedAt = window.WindowEnd };
                }
                else
                {
                    var expectedIn = new bool[quarters.Count];
                    expectedIn[q] = true;
                    found[unit] = new Participant(unit, expectedIn, window.WindowEnd);
                }
            }
        }
        var order = new Dictionary<ReportingUnit, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < registry.All.Count; i++)
        {
            order.TryAdd(registry.All[i], i);
        }
        return found.Values.OrderBy(p => order[p.Unit]).ToArray();
    }
}
