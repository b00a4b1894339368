using System.Globalization;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Core.Text;

namespace DanVan.Core.Ingest;

/// <summary>
/// When a value is far from a unit's history (<c>seeds/plausibility/plausibility.json</c>): more than
/// <see cref="Ratio"/> times, or less than 1/<see cref="Ratio"/> of, a reference figure, and at least
/// <see cref="MinimumDifference"/> away from it, so small numbers never trigger.
/// </summary>
public sealed record PlausibilityThresholds(
    int Version,
    decimal Ratio,
    long MinimumDifference,
    IReadOnlySet<IndicatorKind> Kinds,
    IReadOnlySet<LineageKind> HistoryContinuesThrough)
{
    private static readonly Lazy<PlausibilityThresholds> FromSeeds = new(() => Parse(Seeds.ReadText(SeedName)));

    public const string SeedName = "plausibility/plausibility.json";

    public static PlausibilityThresholds Default => FromSeeds.Value;

    public string? Source { get; init; }

    public static PlausibilityThresholds Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var kinds = r.GetProperty("kinds").EnumerateArray().Select(k => k.GetString() switch
            {
                "count" => IndicatorKind.Count,
                "snapshot" => IndicatorKind.Snapshot,
                var other => throw new FormatException($"Plausibility kinds are 'count' and 'snapshot' (ratios and text have no history to compare), not '{other}'."),
            }).ToHashSet();
            var lineage = r.TryGetProperty("historyContinuesThrough", out var l)
                ? l.EnumerateArray().Select(k => k.GetString() switch
                {
                    "renamed_to" => LineageKind.RenamedTo,
                    "merged_into" => LineageKind.MergedInto,
                    var other => throw new FormatException($"'{other}' cannot carry history: only links from a predecessor to its successor (renamed_to, merged_into) can; a reused code alone says nothing about the unit."),
                }).ToHashSet()
                : [];
            return new PlausibilityThresholds(
                r.GetProperty("version").GetInt32(),
                r.GetProperty("ratio").GetDecimal(),
                r.GetProperty("minimumDifference").GetInt64(),
                kinds,
                lineage)
            {
                Source = r.TryGetProperty("source", out var s) ? s.GetString() : null,
            }.Validated();
        }
        catch (KeyNotFoundException ex)
        {
            throw new FormatException("Plausibility JSON lacks a field: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException("Plausibility JSON is malformed: " + ex.Message, ex);
        }
    }

    public PlausibilityThresholds Validated()
    {
        if (Ratio <= 1)
        {
            throw new FormatException($"Plausibility ratio must be above 1 (got {Ratio.ToString(CultureInfo.InvariantCulture)}).");
        }
        if (MinimumDifference < 0)
        {
            throw new FormatException("Plausibility minimumDifference must not be negative.");
        }
        return Kinds.Count == 0 ? throw new FormatException("Plausibility kinds must name at least one indicator kind.") : this;
    }
}

/// <summary>The figures behind a history warning: the value and the references it was compared with.</summary>
public sealed record HistoryFigures(long Value, long? PreviousQuarter, long? SameQuarterLastYear);

/// <summary>
/// Plausibility against history (docs/templates-and-validation.md): pure, so ingestion reads the history and
/// tests hand-make it. Only warnings, never errors: an unusual quarter may be true.
/// </summary>
public static class Plausibility
{
    /// <summary>
    /// A warning for each count/snapshot value far from every reference it has: the previous quarter and the
    /// same quarter last year, each null when the unit has no report there. A value near either reference is
    /// plausible (seasons repeat); with no reference at all there is nothing to compare, so a first report never warns.
    /// </summary>
    public static IReadOnlyList<Problem> Check(
        IReadOnlyList<ReportValue> values,
        IReadOnlyDictionary<string, long?>? previousQuarter,
        IReadOnlyDictionary<string, long?>? sameQuarterLastYear,
        PlausibilityThresholds thresholds,
        IndicatorCatalogue catalogue)
    {
        var warnings = new List<Problem>();
        foreach (var value in values)
        {
            if (value.Number is not { } number || catalogue.Find(value.IndicatorCode) is not { } indicator || !thresholds.Kinds.Contains(indicator.Kind))
            {
                continue;
            }
            var previous = previousQuarter?.GetValueOrDefault(value.IndicatorCode);
            var lastYear = sameQuarterLastYear?.GetValueOrDefault(value.IndicatorCode);
            if (previous is null && lastYear is null)
            {
                continue;
            }
            if ((previous is { } p && !FarFrom(number, p, thresholds)) || (lastYear is { } y && !FarFrom(number, y, thresholds)))
            {
                continue;
            }
            warnings.Add(new Problem(Severity.Warning, ProblemCodes.HistoryOutlier,
                Messages.HistoryOutlier(value.Cell, indicator, number, previous, lastYear),
                TemplateNames.ReportSheet, value.Cell, indicator.Code)
            {
                History = new HistoryFigures(number, previous, lastYear),
            });
        }
        return warnings;
    }

    /// <summary>More than ratio× or less than 1/ratio of the reference, and at least the minimum difference away.</summary>
    public static bool FarFrom(long value, long reference, PlausibilityThresholds thresholds)
    {
        if (Math.Abs((decimal)value - reference) < thresholds.MinimumDifference)
        {
            return false;
        }
        return value > thresholds.Ratio * reference || value * thresholds.Ratio < reference;
    }

    /// <summary>The result with the history warnings added; an accepted report with any warning is "accepted with warnings".</summary>
    public static CheckResult WithWarnings(CheckResult result, IReadOnlyList<Problem> warnings) =>
        warnings.Count == 0 || !result.Outcome.IsAccepted()
            ? result
            : result with { Outcome = SubmissionOutcome.AcceptedWithWarnings, Problems = [.. result.Problems, .. warnings] };

    /// <summary>
    /// Whose report of <paramref name="historyQuarter"/> is this unit's history: the code to read, or null when
    /// none is. Codes were reused across the 2025 reorganisation, so the report stored under the same code is the
    /// unit's own only when the same unit version (same <c>ValidFrom</c>) was valid then, or when a chain of
    /// declared predecessors (lineage kinds of <see cref="PlausibilityThresholds.HistoryContinuesThrough"/>, e.g.
    /// renamed_to) leads back to the unit version that was.
    /// </summary>
    public static string? HistoryCode(UnitRegistry registry, ReportingCalendar calendar, string unitCode, PeriodKey period, PeriodKey historyQuarter, PlausibilityThresholds thresholds)
    {
        var unit = registry.FindByCode(unitCode, calendar.Get(period).WindowEnd);
        var at = calendar.Get(historyQuarter).WindowEnd;
        for (var step = 0; unit is not null && step < 10; step++)
        {
            if (unit.IsValidAt(at))
            {
                return unit.Code;
            }
            var successor = unit;
            unit = registry.All.FirstOrDefault(u => u.ValidFrom < successor.ValidFrom && u.Lineage.Any(l =>
                thresholds.HistoryContinuesThrough.Contains(l.Kind) && !l.OutsideRegistry
                && string.Equals(l.OtherCode, successor.Code, StringComparison.OrdinalIgnoreCase) && l.OtherValidFrom == successor.ValidFrom));
        }
        return null;
    }
}
