using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Status;

/// <summary>Who has and has not reported a period, who was late, every upload's state: for `danvan status` and the portal.</summary>
public sealed class StatusService(DanVanStorage storage, SubmissionStore submissions, PublicationStore publications, ReferenceData reference)
{
    public async Task<PeriodStatus> GetAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var rp = reference.Calendar.Get(period);
        // Cumulative periods are not uploaded: their state is their last quarter's.
        var quarter = period.IsCumulative ? PeriodKey.ForQuarter(period.Year, period.Quarter) : period;
        var rows = await submissions.ListViewsAsync(quarter.ToString(), cancellationToken);
        var expected = reference.Registry.ExpectedFor(rp);
        var byUnit = rows.GroupBy(r => r.UnitCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var units = expected.Select(u =>
        {
            var list = byUnit.GetValueOrDefault(u.Code) ?? [];
            var current = list.LastOrDefault(r => r.IsCurrent);
            var firstAccepted = list.Where(r => r.State.IsAccepted()).OrderBy(r => r.ReceivedUtc).FirstOrDefault();
            return new UnitStatus(u.Code, u.Name, u.Level, current?.State ?? list.LastOrDefault()?.State, current?.ReceivedUtc ?? list.LastOrDefault()?.ReceivedUtc,
                firstAccepted?.Late ?? false, current?.Version ?? 0, list.Count, current is not null);
        }).ToList();
        var (published, _) = await publications.LatestAsync(period, cancellationToken);
        return new PeriodStatus(rp, units, rows, published);
    }
}

public sealed record UnitStatus(
    string Code,
    string Name,
    UnitLevel Level,
    SubmissionOutcome? LastState,
    DateTimeOffset? ReceivedUtc,
    bool Late,
    int Version,
    int Uploads,
    bool HasAcceptedReport);

public sealed record PeriodStatus(ReportingPeriod Period, IReadOnlyList<UnitStatus> Units, IReadOnlyList<SubmissionView> Submissions, int PublishedVersion)
{
    public int Expected => Units.Count;
    public int Received => Units.Count(u => u.HasAcceptedReport);
    public int Late => Units.Count(u => u.HasAcceptedReport && u.Late);
    public int Missing => Expected - Received;

    /// <summary>The glossary's completeness line.</summary>
    public string CompletenessVi => $"Đã nhận {Received}/{Expected} báo cáo, {Late} nộp muộn, {Missing} chưa nộp";
}
