using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// One expected unit's standing in a period, judged on the period's last quarter: <see cref="Status"/> (on time,
/// late or missing), whether it corrected after the deadline, and what the status pages show of its uploads.
/// </summary>
public sealed record UnitStanding(
    ReportingUnit Unit,
    UnitStatus Status,
    bool CorrectedAfterDeadline,
    DateTimeOffset? FirstAcceptedUtc,
    DateTimeOffset? LatestAcceptedUtc,
    int Versions,
    int Uploads,
    SubmissionOutcome? LastOutcome,
    DateTimeOffset? LastReceivedUtc,
    int CurrentVersion)
{
    public bool Received => Status is UnitStatus.OnTime or UnitStatus.Late;

    public bool Late => Status == UnitStatus.Late;
}

/// <summary>
/// Who reported a period, who was late, who corrected after the deadline, and the completeness these make: the one
/// answer the status pages, `danvan status`, the consolidator and the workbook all read. Cumulative periods are not
/// uploaded: they are judged on their last quarter's submissions and deadline.
/// </summary>
public sealed record PeriodStanding(PeriodKey Period, PeriodKey Quarter, DateTimeOffset DeadlineUtc, IReadOnlyList<UnitStanding> Units, Completeness Completeness)
{
    private readonly Dictionary<string, UnitStanding> _byCode = Units.ToDictionary(u => u.Unit.Code, StringComparer.Ordinal);

    /// <summary>The standing of an expected unit by its registry code; null for a unit not expected.</summary>
    public UnitStanding? Of(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Whether something received at <paramref name="utc"/> came after the deadline.</summary>
    public bool IsAfterDeadline(DateTimeOffset utc) => utc > DeadlineUtc;

    /// <summary>
    /// Late = the first accepted submission came after the deadline (by the calendar, not the stored flag, so a
    /// deadline change re-judges; rejections do not count); corrected after the deadline = on time at first, then an
    /// accepted version after the deadline. A current version without an accepted submission record (inconsistent
    /// storage) still counts as received, judged by its own time. Submissions of units not expected are ignored.
    /// Codes are made canonical (the registry's spelling) once, then compared ordinally.
    /// </summary>
    public static PeriodStanding Assess(
        UnitRegistry registry, ReportingCalendar calendar, PeriodKey period,
        IEnumerable<SubmissionRecord> submissions, IEnumerable<UnitReport>? currentReports = null)
    {
        var quarter = period.Quarters[^1];
        var deadline = calendar.Get(quarter).DeadlineUtc;
        var codes = new CanonicalCodes(registry);
        var byUnit = submissions.Where(s => s.Period == quarter).GroupBy(s => codes.Of(s.UnitCode), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var reports = new Dictionary<string, UnitReport>(StringComparer.Ordinal);
        foreach (var r in (currentReports ?? []).Where(r => r.Quarter == quarter))
        {
            var code = codes.Of(r.UnitCode);
            if (!reports.TryGetValue(code, out var other) || r.Version > other.Version)
            {
                reports[code] = r;
            }
        }

        var units = new List<UnitStanding>();
        var completeness = Completeness.Empty;
        foreach (var unit in registry.ExpectedFor(calendar.Get(period)))
        {
            var standing = Judge(unit, byUnit.GetValueOrDefault(unit.Code) ?? [], reports.GetValueOrDefault(unit.Code), deadline);
            units.Add(standing);
            completeness = completeness.Add(standing.Status, standing.CorrectedAfterDeadline);
        }
        return new PeriodStanding(period, quarter, deadline, units, completeness);
    }

    private static UnitStanding Judge(ReportingUnit unit, SubmissionRecord[] all, UnitReport? report, DateTimeOffset deadline)
    {
        var ordered = all.OrderBy(s => s.ReceivedUtc).ThenBy(s => s.Version).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        var accepted = ordered.Where(s => s.Outcome.IsAccepted()).ToArray();
        // What the pages show: the current version's upload, else the latest upload.
        var shown = ordered.LastOrDefault(s => s.IsCurrent) ?? (ordered.Length > 0 ? ordered[^1] : null);
        var currentVersion = report?.Version ?? ordered.LastOrDefault(s => s.IsCurrent)?.Version ?? 0;
        if (accepted.Length > 0)
        {
            var late = accepted[0].ReceivedUtc > deadline;
            return new UnitStanding(
                unit,
                late ? UnitStatus.Late : UnitStatus.OnTime,
                !late && accepted.Any(s => s.ReceivedUtc > deadline),
                accepted[0].ReceivedUtc,
                accepted[^1].ReceivedUtc,
                accepted.Select(s => s.Version).Distinct().Count(),
                ordered.Length,
                shown?.Outcome,
                shown?.ReceivedUtc,
                currentVersion);
        }
        // A current version the submission records do not show as accepted still counts (inconsistent storage).
        var currentAt = report?.ReceivedUtc ?? ordered.LastOrDefault(s => s.IsCurrent)?.ReceivedUtc;
        if (currentAt is { } at)
        {
            return new UnitStanding(
                unit, at > deadline ? UnitStatus.Late : UnitStatus.OnTime, false, at, at, 1, Math.Max(ordered.Length, 1),
                SubmissionOutcome.Accepted, at, Math.Max(currentVersion, 1));
        }
        return new UnitStanding(unit, UnitStatus.Missing, false, null, null, 0, ordered.Length, shown?.Outcome, shown?.ReceivedUtc, 0);
    }
}

/// <summary>A stored unit code in the registry's spelling (trimmed, the registry's case); unknown codes stay as trimmed.</summary>
internal sealed class CanonicalCodes(UnitRegistry registry)
{
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    public string Of(string stored)
    {
        if (!_known.TryGetValue(stored, out var code))
        {
            code = registry.Versions(stored) is [var first, ..] ? first.Code : stored.Trim();
            _known[stored] = code;
        }
        return code;
    }
}
