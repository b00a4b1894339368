using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Consolidate;

public sealed class TimelinessTests
{
    private static readonly DanVan.Core.Calendar.PeriodKey Q3 = Q(2025, 3);

    private static ConsolidationResult Scenario() => ScenarioProvince().Consolidate(Q3);

    private static TestProvince ScenarioProvince()
    {
        var p = new TestProvince();
        // SO1: on time. SO2: rejected before the deadline, accepted after it -> late.
        // XM1: accepted on time, corrected after the deadline. XM2: only a rejected upload -> missing.
        p.Report("SO1", Q3, N(("LD_VANBAN", 1)))
            .Submission("SO2", Q3, 1, AroundDeadline(Q3, -10), SubmissionOutcome.Rejected)
            .Report("SO2", Q3, N(("LD_VANBAN", 2)), version: 2, received: AroundDeadline(Q3, 5))
            .Submission("XM1", Q3, 1, AroundDeadline(Q3, -20), SubmissionOutcome.Accepted)
            .Report("XM1", Q3, N(("LD_VANBAN", 4)), version: 2, received: AroundDeadline(Q3, 30))
            .Submission("XM2", Q3, 1, AroundDeadline(Q3, -5), SubmissionOutcome.Rejected)
            // An old commune's upload: not expected, counted nowhere.
            .Submission("X11", Q3, 1, AroundDeadline(Q3, -5), SubmissionOutcome.Accepted);
        return p;
    }

    [Fact]
    public void Counts_on_time_late_missing_and_corrected_after_the_deadline()
    {
        var r = Scenario();

        Assert.Equal(new Completeness(4, 3, 2, 1, 1, 1), r.Completeness);
        var byCode = r.Units.ToDictionary(u => u.Code);
        Assert.Equal(UnitStatus.OnTime, byCode["SO1"].Status);
        Assert.Equal(UnitStatus.Late, byCode["SO2"].Status);
        Assert.Equal((1, 2), (byCode["SO2"].Versions, byCode["SO2"].Uploads));
        Assert.Equal(UnitStatus.OnTime, byCode["XM1"].Status);
        Assert.True(byCode["XM1"].CorrectedAfterDeadline);
        Assert.Equal(2, byCode["XM1"].Versions);
        Assert.Equal(AroundDeadline(Q3, -20), byCode["XM1"].FirstAcceptedUtc);
        Assert.Equal(AroundDeadline(Q3, 30), byCode["XM1"].LatestAcceptedUtc);
        Assert.Equal(UnitStatus.Missing, byCode["XM2"].Status);
        Assert.Equal(1, byCode["XM2"].Uploads);
        Assert.False(byCode.ContainsKey("X11"));
    }

    [Fact]
    public void Late_and_corrected_reports_count_in_the_figures_with_their_current_version()
    {
        var r = Scenario();

        Assert.Equal(7m, r.Value("TINH", "LD_VANBAN"));
        var source = Assert.Single(r.Units.Single(u => u.Code == "XM1").Sources);
        Assert.Equal(2, source.Version);
        Assert.Equal("sha256-XM1-2025-Q3-2", source.ContentHash);
    }

    [Fact]
    public void Counts_never_exceed_expected_even_with_many_uploads()
    {
        var p = new TestProvince();
        for (var v = 1; v <= 5; v++)
        {
            p.Report("SO1", Q3, N(("LD_VANBAN", v)), version: v, received: AroundDeadline(Q3, v * 10 - 25));
        }
        var r = p.Consolidate(Q3);

        Assert.Equal(new Completeness(4, 1, 1, 0, 3, 1), r.Completeness);
        Assert.Equal(5, r.Units[0].Versions);
        Assert.Equal(5m, r.Value("TINH", "LD_VANBAN"));
    }

    [Fact]
    public void A_current_report_without_its_submission_record_still_counts_as_received()
    {
        var p = new TestProvince();
        p.Report("SO1", Q3, N(("LD_VANBAN", 1)), received: AroundDeadline(Q3, 3), withSubmission: false);

        var r = p.Consolidate(Q3);

        Assert.Equal(new Completeness(4, 1, 0, 1, 3, 0), r.Completeness);
    }

    [Fact]
    public void The_standing_the_status_pages_read_is_the_consolidation_s_unit_by_unit()
    {
        var r = Scenario();
        var standing = PeriodStanding.Assess(TestProvince.Registry, TestProvince.Calendar, Q3, ScenarioProvince().Submissions, ScenarioProvince().Reports);

        Assert.Equal(r.Completeness, standing.Completeness);
        Assert.Equal(
            r.Units.Select(u => (u.Code, u.Status, u.CorrectedAfterDeadline, u.FirstAcceptedUtc, u.Versions, u.Uploads)),
            standing.Units.Select(u => (u.Unit.Code, u.Status, u.CorrectedAfterDeadline, u.FirstAcceptedUtc, u.Versions, u.Uploads)));
    }

    [Fact]
    public void A_stored_code_in_another_spelling_counts_for_the_registry_unit()
    {
        var p = new TestProvince();
        p.Report(" so1", Q3, N(("LD_VANBAN", 1)), received: AroundDeadline(Q3, 2));

        var r = p.Consolidate(Q3);
        var standing = PeriodStanding.Assess(TestProvince.Registry, TestProvince.Calendar, Q3, p.Submissions);

        Assert.Equal(UnitStatus.Late, standing.Of("SO1")!.Status);
        Assert.Equal(UnitStatus.Late, r.Units.Single(u => u.Code == "SO1").Status);
        Assert.Equal(1m, r.Value("TINH", "LD_VANBAN"));
    }

    [Fact]
    public void A_cumulative_period_stands_on_its_last_quarter()
    {
        var p = new TestProvince();
        p.Report("SO1", Q(2025, 1), N(("LD_VANBAN", 1)))
            .Report("SO2", Q(2025, 2), N(("LD_VANBAN", 1)), received: AroundDeadline(Q(2025, 2), 1));

        var standing = PeriodStanding.Assess(TestProvince.Registry, TestProvince.Calendar, DanVan.Core.Calendar.PeriodKey.Cumulative(2025, DanVan.Core.Calendar.PeriodKind.HalfYear), p.Submissions);

        Assert.Equal(Q(2025, 2), standing.Quarter);
        Assert.Equal(UnitStatus.Missing, standing.Of("SO1")!.Status);
        Assert.Equal(UnitStatus.Late, standing.Of("SO2")!.Status);
        Assert.Equal(new Completeness(8, 1, 0, 1, 7, 0), standing.Completeness);
    }
}
