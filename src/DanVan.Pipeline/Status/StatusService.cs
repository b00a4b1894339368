using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using DanVan.Core.Publish;
using DanVan.Core.Registry;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Status;

/// <summary>
/// Who has and has not reported a period, who was late, every upload's state: for `danvan status` and the portal.
/// States, lateness and completeness come from <see cref="PeriodStanding"/>, the same answer the consolidated
/// workbook prints; this service only reads storage and shapes view records.
/// </summary>
public sealed class StatusService(DanVanStorage storage, SubmissionStore submissions, PublicationStore publications, ReferenceData reference)
{
    public async Task<PeriodStatus> GetAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var rp = reference.Calendar.Get(period);
        // Cumulative periods are not uploaded: their state is their last quarter's.
        var quarter = period.Quarters[^1];
        var rows = await submissions.ListAsync(quarter.ToString(), cancellationToken);
        var standing = PeriodStanding.Assess(reference.Registry, reference.Calendar, period, rows.Select(r => r.ToRecord(quarter)));
        var (published, _) = await publications.LatestAsync(period, cancellationToken);
        return From(rp, standing, rows.Select(r => SubmissionView.From(r) with { Late = standing.IsAfterDeadline(r.ReceivedUtc) }).ToList(), published);
    }

    /// <summary>The view of a standing (separate from storage so a test can feed it the consolidation's input).</summary>
    public static PeriodStatus From(ReportingPeriod period, PeriodStanding standing, IReadOnlyList<SubmissionView> submissions, int publishedVersion) =>
        new(period, standing.Units.Select(UnitStatus.From).ToList(), submissions, publishedVersion) { Completeness = standing.Completeness };
}

/// <summary>One expected unit on the status pages.</summary>
public sealed record UnitStatus(
    string Code,
    string Name,
    UnitLevel Level,
    SubmissionOutcome? LastState,
    DateTimeOffset? ReceivedUtc,
    bool Late,
    int Version,
    int Uploads,
    bool HasAcceptedReport,
    bool CorrectedAfterDeadline)
{
    public static UnitStatus From(UnitStanding s) => new(
        s.Unit.Code, s.Unit.Name, s.Unit.Level, s.LastOutcome, s.LastReceivedUtc, s.Late, s.CurrentVersion, s.Uploads, s.Received, s.CorrectedAfterDeadline);
}

public sealed record PeriodStatus(ReportingPeriod Period, IReadOnlyList<UnitStatus> Units, IReadOnlyList<SubmissionView> Submissions, int PublishedVersion)
{
    /// <summary>The standing's counts (the consolidated workbook prints the same).</summary>
    public Completeness Completeness { get; init; } = Completeness.Empty;

    public int Expected => Completeness.Expected;
    public int Received => Completeness.Received;
    public int Late => Completeness.Late;
    public int Missing => Completeness.Missing;
    public int CorrectedAfterDeadline => Completeness.CorrectedAfterDeadline;

    /// <summary>The glossary's completeness line, as the workbook writes it.</summary>
    public string CompletenessVi => VnText.CompletenessLine(Completeness);
}
