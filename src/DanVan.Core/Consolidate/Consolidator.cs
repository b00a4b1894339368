using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// Pure consolidation of one period; idempotent by construction (no clock, no randomness; output order comes
/// from the registry and the catalogue, not from the order of the input lists). Cost is O(units × indicators × quarters).
/// </summary>
public static class Consolidator
{
    private static readonly UnitLevel[] LevelOrder = [UnitLevel.So, UnitLevel.Huyen, UnitLevel.Xa];

    public static ConsolidationResult Consolidate(ConsolidationInput input)
    {
        var period = input.Period;
        var key = period.Key;
        var quarters = key.Quarters;
        var reports = new ReportIndex(input.Reports, new CanonicalCodes(input.Registry));
        var layout = IndicatorLayout.Build(input.Catalogues, key, input.Reports);

        // Expected units are those valid at the window's end; units of earlier quarters only (a cumulative
        // period across 1 July 2025) still bring those quarters' figures when they reported.
        var participants = Kept(Participants.Of(input.Registry, input.Calendar, key), quarters, reports);
        var placed = UnitPlacement.Place(participants);
        // The same standing the status pages show (cumulative periods: their last quarter's, see docs/consolidation.md).
        var standing = PeriodStanding.Assess(input.Registry, input.Calendar, key, input.Submissions, input.Reports);

        var sums = new ScopeSums(layout);
        DeclareScopes(sums, placed);
        var completeness = sums.Declared.ToDictionary(s => s.Scope, _ => Completeness.Empty, StringComparer.Ordinal);

        var units = new List<UnitRow>(placed.Count);
        var narratives = new List<NarrativeRow>();
        foreach (var place in placed)
        {
            var unit = place.Unit;
            var quarterReports = ReportsOf(place.Participant, quarters, reports);
            var inputs = UnitFigures.Combine(quarterReports, layout);
            var t = Judge(place.Participant, standing);

            foreach (var scope in ScopesOf(unit, place.DistrictCode))
            {
                sums.Add(scope, inputs);
                if (t.Status != UnitStatus.Reorganised)
                {
                    completeness[scope] = completeness[scope].Add(t.Status, t.CorrectedAfterDeadline);
                }
            }

            var sources = new List<SourceRef>();
            var missing = new List<PeriodKey>();
            for (var q = 0; q < quarters.Count; q++)
            {
                if (quarterReports[q] is not { } r)
                {
                    if (place.Participant.ExpectedIn[q])
                    {
                        missing.Add(quarters[q]);
                    }
                    continue;
                }
                sources.Add(new SourceRef(quarters[q], r.Version, r.SubmissionId, r.ContentHash, r.CatalogueVersion, r.ReceivedUtc));
                foreach (var text in layout.Texts)
                {
                    if (r.Texts.TryGetValue(text.Code, out var value) && !string.IsNullOrWhiteSpace(value))
                    {
                        narratives.Add(new NarrativeRow(unit.Code, unit.Name, quarters[q], text.Code, value));
                    }
                }
            }

            units.Add(new UnitRow(
                unit.Code, unit.ValidFrom, unit.Name, unit.Level, place.DistrictCode, t.Status, t.CorrectedAfterDeadline,
                t.FirstAcceptedUtc, t.LatestAcceptedUtc, t.Versions, t.Uploads,
                missing, layout.Values(inputs), sources));
        }

        var previousQuarter = key.IsCumulative ? (PeriodKey?)null : key.PreviousQuarter;
        var lastYear = key.SamePeriodLastYear;
        var result = new ConsolidationResult(
            period,
            standing.Completeness,
            sums.Rows().ToArray(),
            input.BuiltUtc,
            input.CodeVersion)
        {
            Indicators = layout.All,
            CatalogueVersions = IndicatorLayout.Uses(input.Catalogues, key, input.Reports),
            CompletenessByScope = sums.Declared.Select(s => new ScopeCompleteness(s.Scope, s.NameVi, completeness[s.Scope])).ToArray(),
            Units = units,
            PreviousQuarter = previousQuarter,
            SamePeriodLastYear = lastYear,
            Comparisons = Compare(input, layout, reports, sums, previousQuarter, lastYear),
            Narratives = narratives,
            RegistryGapVi = input.Registry.GapFor(period)?.NoteVi,
        };
        return result with { Fingerprint = ResultFingerprint.Compute(result) };
    }

    /// <summary>The unit's report for each quarter in which it was expected (null elsewhere: another unit may own the code then).</summary>
    private static UnitReport?[] ReportsOf(Participant p, IReadOnlyList<PeriodKey> quarters, ReportIndex reports)
    {
        var result = new UnitReport?[quarters.Count];
        for (var q = 0; q < quarters.Count; q++)
        {
            result[q] = p.ExpectedIn[q] ? reports.Get(quarters[q], p.Unit.Code) : null;
        }
        return result;
    }

    /// <summary>
    /// Units expected at the window's end, units of earlier quarters that reported, and the districts those
    /// communes belonged to (so a commune's figures still roll up into its district's subtotal).
    /// </summary>
    private static Participant[] Kept(IReadOnlyList<Participant> all, IReadOnlyList<PeriodKey> quarters, ReportIndex reports)
    {
        var kept = all.Select(p => p.ExpectedAtEnd || HasAnyReport(p, quarters, reports)).ToArray();
        var parents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < all.Count; i++)
        {
            if (kept[i] && all[i].Unit.Level == UnitLevel.Xa && all[i].Unit.ParentCodeAt(all[i].PlacedAt) is { } parent)
            {
                parents.Add(parent);
            }
        }
        return all.Where((p, i) => kept[i] || (p.Unit.Level == UnitLevel.Huyen && parents.Contains(p.Unit.Code))).ToArray();
    }

    private static bool HasAnyReport(Participant p, IReadOnlyList<PeriodKey> quarters, ReportIndex reports) =>
        ReportsOf(p, quarters, reports).Any(r => r is not null);

    /// <summary>A unit not expected at the window's end (reorganised) is outside timeliness; others take their standing.</summary>
    private static UnitStanding Judge(Participant p, PeriodStanding standing) =>
        (p.ExpectedAtEnd ? standing.Of(p.Unit.Code) : null)
        ?? new UnitStanding(p.Unit, p.ExpectedAtEnd ? UnitStatus.Missing : UnitStatus.Reorganised, false, null, null, 0, 0, null, null, 0);

    private static void DeclareScopes(ScopeSums sums, IReadOnlyList<PlacedUnit> placed)
    {
        sums.Declare(Scopes.Province, Scopes.ProvinceNameVi);
        foreach (var level in LevelOrder.Where(l => placed.Any(p => p.Unit.Level == l)))
        {
            sums.Declare(Scopes.Level(level), Scopes.LevelNameVi(level));
        }
        foreach (var p in placed.Where(p => p.Unit.Level == UnitLevel.Huyen))
        {
            sums.Declare(Scopes.District(p.Unit.Code), p.Unit.Name);
        }
    }

    /// <summary>Each unit is added once to the province, once to its level and once to its district (if any).</summary>
    private static IEnumerable<string> ScopesOf(ReportingUnit unit, string? district)
    {
        yield return Scopes.Province;
        yield return Scopes.Level(unit.Level);
        if (district is not null)
        {
            yield return Scopes.District(district);
        }
    }

    /// <summary>Province and level totals of the compared periods, each over the units expected in that period's quarters.</summary>
    private static ComparisonRow[] Compare(
        ConsolidationInput input, IndicatorLayout layout, ReportIndex reports, ScopeSums current, PeriodKey? previous, PeriodKey lastYear)
    {
        var before = previous is { } p ? Totals(input, layout, reports, p) : null;
        var yearAgo = Totals(input, layout, reports, lastYear);
        var rows = new List<ComparisonRow>();
        foreach (var (scope, _) in current.Declared.Where(s => s.Scope == Scopes.Province || s.Scope.StartsWith("LEVEL:", StringComparison.Ordinal)))
        {
            var now = current.Values(scope)!;
            var prev = before?.Values(scope);
            var ago = yearAgo.Values(scope);
            var (nowDen, prevDen, agoDen) = (current.Denominators(scope)!, before?.Denominators(scope), yearAgo.Denominators(scope));
            for (var i = 0; i < now.Length; i++)
            {
                rows.Add(new ComparisonRow(scope, layout.Numeric[i].Code, now[i], prev?[i], ago?[i])
                {
                    CurrentDenominator = nowDen[i],
                    PreviousQuarterDenominator = prevDen?[i],
                    SamePeriodLastYearDenominator = agoDen?[i],
                });
            }
        }
        return rows.ToArray();
    }

    private static ScopeSums Totals(ConsolidationInput input, IndicatorLayout layout, ReportIndex reports, PeriodKey key)
    {
        var sums = new ScopeSums(layout);
        sums.Declare(Scopes.Province, Scopes.ProvinceNameVi);
        foreach (var p in Participants.Of(input.Registry, input.Calendar, key))
        {
            var inputs = UnitFigures.Combine(ReportsOf(p, key.Quarters, reports), layout);
            sums.Declare(Scopes.Level(p.Unit.Level), Scopes.LevelNameVi(p.Unit.Level));
            sums.Add(Scopes.Province, inputs);
            sums.Add(Scopes.Level(p.Unit.Level), inputs);
        }
        return sums;
    }
}
