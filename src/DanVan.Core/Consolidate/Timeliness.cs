using DanVan.Core.Calendar;
using DanVan.Core.Ingest;

namespace DanVan.Core.Consolidate;

/// <summary>One unit's submission history for a quarter, judged against the deadline.</summary>
internal sealed record UnitTimeliness(
    UnitStatus Status,
    bool CorrectedAfterDeadline,
    DateTimeOffset? FirstAcceptedUtc,
    DateTimeOffset? LatestAcceptedUtc,
    int Versions,
    int Uploads)
{
    public static UnitTimeliness Missing(int uploads) => new(UnitStatus.Missing, false, null, null, 0, uploads);
}

internal static class Timeliness
{
    /// <summary>
    /// Late = the first accepted submission came after the deadline; corrected after the deadline = on time at
    /// first, then an accepted version after the deadline. Submissions of units not expected are ignored.
    /// </summary>
    public static Dictionary<string, UnitTimeliness> Assess(
        IEnumerable<SubmissionRecord> submissions, PeriodKey quarter, DateTimeOffset deadlineUtc, IReadOnlySet<string> expected)
    {
        var result = new Dictionary<string, UnitTimeliness>(StringComparer.OrdinalIgnoreCase);
        var byUnit = submissions
            .Where(s => s.Period == quarter && expected.Contains(s.UnitCode.Trim()))
            .GroupBy(s => s.UnitCode.Trim(), StringComparer.OrdinalIgnoreCase);
        foreach (var unit in byUnit)
        {
            var all = unit.ToArray();
            var accepted = all.Where(s => s.Outcome.IsAccepted())
                .OrderBy(s => s.ReceivedUtc).ThenBy(s => s.Version).ThenBy(s => s.Id, StringComparer.Ordinal)
                .ToArray();
            if (accepted.Length == 0)
            {
                result[unit.Key] = UnitTimeliness.Missing(all.Length);
                continue;
            }
            var late = accepted[0].ReceivedUtc > deadlineUtc;
            result[unit.Key] = new UnitTimeliness(
                late ? UnitStatus.Late : UnitStatus.OnTime,
                !late && accepted.Any(s => s.ReceivedUtc > deadlineUtc),
                accepted[0].ReceivedUtc,
                accepted[^1].ReceivedUtc,
                accepted.Select(s => s.Version).Distinct().Count(),
                all.Length);
        }
        return result;
    }

    /// <summary>A current report with no accepted submission record (inconsistent storage) still counts as received.</summary>
    public static UnitTimeliness FromReport(UnitReport report, DateTimeOffset deadlineUtc, int uploads) => new(
        report.ReceivedUtc > deadlineUtc ? UnitStatus.Late : UnitStatus.OnTime,
        false,
        report.ReceivedUtc,
        report.ReceivedUtc,
        1,
        Math.Max(uploads, 1));
}
