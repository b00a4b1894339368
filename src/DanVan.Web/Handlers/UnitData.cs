using DanVan.Core.Calendar;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;

namespace DanVan.Web.Handlers;

/// <summary>One quarter of one unit on its home page: the upload in use (if any), the last one, how many.</summary>
public sealed record QuarterState(ReportingPeriod Period, SubmissionView? Current, SubmissionView? Last, int Uploads, bool Open, bool Reopened);

/// <summary>Reads a unit's own uploads; the caller has already decided the user may act for the unit.</summary>
public static class UnitData
{
    /// <summary>Quarters a unit can still send: begun and not closed (and closed ones reopened for it).</summary>
    public static IReadOnlyList<ReportingPeriod> OpenQuarters(ReferenceData reference, DateTimeOffset nowUtc) =>
        RecentQuarters(reference, nowUtc, 8).Where(p => p.WindowStart <= reference.Calendar.VietnamDate(nowUtc) && !p.IsClosed(nowUtc)).ToArray();

    /// <summary>The quarter being reported now and the <paramref name="count"/> - 1 before it, newest first.</summary>
    public static IReadOnlyList<ReportingPeriod> RecentQuarters(ReferenceData reference, DateTimeOffset nowUtc, int count)
    {
        var today = reference.Calendar.VietnamDate(nowUtc);
        var list = new List<ReportingPeriod>();
        // The quarter whose window holds today is not yet reportable until its window begins; start one after to include it.
        var key = reference.Calendar.QuarterOf(today);
        for (var i = 0; i < count; i++)
        {
            list.Add(reference.Calendar.Get(key));
            key = key.PreviousQuarter;
        }
        return list;
    }

    public static async Task<IReadOnlyList<SubmissionView>> UploadsAsync(SubmissionStore submissions, PeriodKey quarter, string unitCode, CancellationToken ct) =>
        (await submissions.ListViewsAsync(quarter.ToString(), ct)).Where(r => r.UnitCode == unitCode).OrderByDescending(r => r.ReceivedUtc).ToList();

    public static async Task<IReadOnlyList<QuarterState>> QuartersAsync(
        SubmissionStore submissions, ReopeningStore reopenings, ReferenceData reference, string unitCode, DateTimeOffset nowUtc, int count, CancellationToken ct)
    {
        var list = new List<QuarterState>();
        foreach (var p in RecentQuarters(reference, nowUtc, count))
        {
            var rows = await UploadsAsync(submissions, p.Key, unitCode, ct);
            var open = p.WindowStart <= reference.Calendar.VietnamDate(nowUtc) && !p.IsClosed(nowUtc);
            var reopened = p.IsClosed(nowUtc) && await reopenings.IsReopenedAsync(p.Key, unitCode, ct);
            list.Add(new QuarterState(p, rows.FirstOrDefault(r => r.IsCurrent), rows.FirstOrDefault(), rows.Count, open, reopened));
        }
        return list;
    }
}
