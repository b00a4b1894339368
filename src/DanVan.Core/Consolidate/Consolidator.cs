using DanVan.Core.Calendar;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// Pure consolidation of one period; idempotent by construction (no clock, no randomness, input order
/// does not matter beyond the registry's own order). Cost is O(units × indicators × quarters).
/// </summary>
public static class Consolidator
{
    private static readonly UnitLevel[] LevelOrder = [UnitLevel.So, UnitLevel.Huyen, UnitLevel.Xa];

    public static ConsolidationResult Consolidate(ConsolidationInput input)
    {
        var period = input.Period;
        var key = period.Key;
        var quarters = key.Quarters;
        var lastQuarter = quarters[^1];
        var reports = new ReportIndex(input.Reports);
        var layout = IndicatorLayout.Build(input.Catalogues, input.Reports.Select(r => r.CatalogueVersion));

        var placed = UnitPlacement.Place(input.Registry.ExpectedFor(period), period.WindowEnd);
        var expectedCodes = placed.Select(p => p.Unit.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Cumulative periods are judged by their latest quarter's submissions (see docs/consolidation.md).
        var deadline = input.Calendar.Get(lastQuarter).DeadlineUtc;
        var timeliness = Timeliness.Assess(input.Submissions, lastQuarter, deadline, expectedCodes);

        var sums = new ScopeSums(layout);
        DeclareScopes(sums, placed);
        var completeness = sums.Declared.ToDictionary(s => s.Scope, _ => Completeness.Empty, StringComparer.Ordinal);

        var units = new List<UnitRow>(placed.Count);
        var narratives = new List<NarrativeRow>();
        foreach (var (unit, district) in placed)
        {
            var quarterReports = quarters.Select(q => reports.Get(q, unit.Code)).ToArray();
            var inputs = UnitFigures.Combine(quarterReports, layout);
            var t = timeliness.GetValueOrDefault(unit.Code);
            if (t is not { Status: not UnitStatus.Missing } && quarterReports[^1] is { } current)
            {
                t = Timeliness.FromReport(current, deadline, t?.Uploads ?? 0);
            }
            t ??= UnitTimeliness.Missing(0);

            foreach (var scope in ScopesOf(unit, district))
            {
                sums.Add(scope, inputs);
                completeness[scope] = completeness[scope].Add(t.Status, t.CorrectedAfterDeadline);
            }

            var sources = new List<SourceRef>();
            var missing = new List<PeriodKey>();
            for (var q = 0; q < quarters.Count; q++)
            {
                if (quarterReports[q] is not { } r)
                {
                    missing.Add(quarters[q]);
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
                unit.Code, unit.Name, unit.Level, district, t.Status, t.CorrectedAfterDeadline,
                t.FirstAcceptedUtc, t.LatestAcceptedUtc, t.Versions, t.Uploads,
                missing, layout.Values(inputs), sources));
        }

        var previousQuarter = key.IsCumulative ? (PeriodKey?)null : key.PreviousQuarter;
        var lastYear = key.SamePeriodLastYear;
        var result = new ConsolidationResult(
            period,
            completeness[Scopes.Province],
            sums.Rows().ToArray(),
            input.BuiltUtc,
            input.CodeVersion)
        {
            Indicators = layout.All,
            CompletenessByScope = sums.Declared.Select(s => new ScopeCompleteness(s.Scope, s.NameVi, completeness[s.Scope])).ToArray(),
            Units = units,
            PreviousQuarter = previousQuarter,
            SamePeriodLastYear = lastYear,
            Comparisons = Compare(input, layout, reports, sums, previousQuarter, lastYear),
            Narratives = narratives,
        };
        return result with { Fingerprint = ResultFingerprint.Compute(result) };
    }

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

    /// <summary>Province and level totals of the compared periods, each over the units expected in that period.</summary>
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
            for (var i = 0; i < now.Length; i++)
            {
                rows.Add(new ComparisonRow(scope, layout.Numeric[i].Code, now[i], prev?[i], ago?[i]));
            }
        }
        return rows.ToArray();
    }

    private static ScopeSums Totals(ConsolidationInput input, IndicatorLayout layout, ReportIndex reports, PeriodKey key)
    {
        var period = input.Calendar.Get(key);
        var sums = new ScopeSums(layout);
        sums.Declare(Scopes.Province, Scopes.ProvinceNameVi);
        foreach (var unit in input.Registry.ExpectedFor(period))
        {
            var inputs = UnitFigures.Combine(key.Quarters.Select(q => reports.Get(q, unit.Code)).ToArray(), layout);
            sums.Declare(Scopes.Level(unit.Level), Scopes.LevelNameVi(unit.Level));
            sums.Add(Scopes.Province, inputs);
            sums.Add(Scopes.Level(unit.Level), inputs);
        }
        return sums;
    }
}
