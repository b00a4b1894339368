using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Consolidate;

/// <summary>Consolidation over real storage: what the timers and `danvan consolidate` run.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsolidationServiceTests(AzuriteFixture azurite)
{
    private const string TinhKhe = "21211";
    private const string NoiVu = "SO-NOIVU";
    private static readonly int Year = 2033;
    private static readonly PeriodKey Q1 = PeriodKey.ForQuarter(Year, 1);
    private static readonly PeriodKey Q2 = PeriodKey.ForQuarter(Year, 2);
    private static readonly PeriodKey H1 = PeriodKey.Cumulative(Year, PeriodKind.HalfYear);

    [Fact]
    public async Task A_half_year_sums_counts_takes_the_latest_snapshot_republishes_only_on_change_and_keeps_versions()
    {
        await using var h = new PipelineHarness(azurite.ConnectionString, BeforeDeadline(Q1));
        await Upload(h, Q1, TinhKhe, vanBan: 3, banTtnd: 5);
        await Upload(h, Q1, NoiVu, vanBan: 10, banTtnd: 1);
        await Upload(h, Q2, TinhKhe, vanBan: 4, banTtnd: 6);
        await Upload(h, Q2, NoiVu, vanBan: 20, banTtnd: 2);
        var service = h.Get<ConsolidationService>();

        var first = await service.ConsolidateAsync(H1, default);
        var again = await service.ConsolidateAsync(H1, default);

        // Counts: (3 + 10) + (4 + 20); snapshot: the latest quarter's levels 6 + 2, never Q1 + Q2.
        Assert.Equal(37d, await Aggregate(h, H1, "TINH", "LD_VANBAN"));
        Assert.Equal(8d, await Aggregate(h, H1, "TINH", "DC_BAN_TTND"));
        Assert.Equal(7d, await Aggregate(h, H1, "LEVEL:XA", "LD_VANBAN"));
        Assert.Equal(30d, await Aggregate(h, H1, "LEVEL:SO", "LD_VANBAN"));
        Assert.True(first.Changed);
        Assert.False(again.Changed);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(2, first.Completeness.Received);

        // A correction to Q2 changes H1: a new version, the earlier one kept.
        await Upload(h, Q2, TinhKhe, vanBan: 14, banTtnd: 6);
        var corrected = await service.ConsolidateAsync(H1, default);

        Assert.True(corrected.Changed);
        Assert.Equal(first.Version + 1, corrected.Version);
        Assert.Equal(47d, await Aggregate(h, H1, "TINH", "LD_VANBAN"));
        var published = h.Get<DanVanStorage>().Container(StorageNames.Published);
        Assert.True((await published.GetBlobClient(PublicationStore.VersionName(H1, first.Version)).ExistsAsync()).Value);
        var latest = SummaryReader.Open((await published.GetBlobClient(PublicationStore.LatestName(H1)).DownloadContentAsync()).Value.Content);
        Assert.Equal(47d, latest.Figure("LD_VANBAN", c => c == "Toàn tỉnh"));
    }

    [Fact]
    public async Task A_ratio_is_recomputed_from_summed_parts_and_a_zero_denominator_stays_empty()
    {
        var q3 = PeriodKey.ForQuarter(Year, 3);
        await using var h = new PipelineHarness(azurite.ConnectionString, BeforeDeadline(q3));
        var a = Reports.AllNumbers(0);
        a["CC_HS_GIAIQUYET"] = 100;
        a["CC_HS_DUNGHAN"] = 90;
        var b = Reports.AllNumbers(0);
        b["CC_HS_GIAIQUYET"] = 300;
        b["CC_HS_DUNGHAN"] = 150;
        await h.UploadAndIngestAsync(TinhKhe, q3, Reports.Filled(TinhKhe, q3, a));
        await h.UploadAndIngestAsync(NoiVu, q3, Reports.Filled(NoiVu, q3, b));

        await h.Get<ConsolidationService>().ConsolidateAsync(q3, default);

        // (90 + 150) / (100 + 300) = 60 %, not the average of 90 % and 50 % (70 %).
        var table = h.Get<DanVanStorage>().Table(StorageNames.Aggregates);
        var ratio = (await table.GetEntityAsync<TableEntity>(q3.ToString(), "TINH|CC_TL_DUNGHAN")).Value;
        Assert.Equal(60d, ratio.GetDouble("Value"));
        Assert.Equal(240L, ratio.GetInt64("Numerator"));
        Assert.Equal(400L, ratio.GetInt64("Denominator"));
        var zero = (await table.GetEntityAsync<TableEntity>(q3.ToString(), "TINH|TD_TL_GIAIQUYET")).Value;
        Assert.Null(zero.GetDouble("Value"));
        Assert.Equal(0L, zero.GetInt64("Denominator"));
    }

    private static DateTimeOffset BeforeDeadline(PeriodKey quarter) => ReportingCalendar.Default.Get(quarter).DeadlineUtc.AddDays(-3);

    private static async Task Upload(PipelineHarness h, PeriodKey quarter, string unit, long vanBan, long banTtnd)
    {
        h.Clock.AdjustTime(BeforeDeadline(quarter));
        var values = Reports.AllNumbers(1);
        values["LD_VANBAN"] = vanBan;
        values["DC_BAN_TTND"] = banTtnd;
        var outcome = await h.UploadAndIngestAsync(unit, quarter, Reports.Filled(unit, quarter, values));
        Assert.True(outcome.State is Core.Ingest.SubmissionOutcome.Accepted or Core.Ingest.SubmissionOutcome.AcceptedWithWarnings, outcome.MessageVi);
    }

    private static async Task<double> Aggregate(PipelineHarness h, PeriodKey period, string scope, string indicator) =>
        (await h.Get<DanVanStorage>().Table(StorageNames.Aggregates).GetEntityAsync<TableEntity>(period.ToString(), scope + "|" + indicator)).Value.GetDouble("Value")
        ?? throw new InvalidOperationException($"No value for {scope} {indicator}.");
}

/// <summary>The timers' choice of periods: pending quarters with their cumulative periods, cleared once done.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScheduledConsolidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(1, "2034-Q1 2034-H1 2034-M9 2034-Y")]
    [InlineData(2, "2034-Q2 2034-H1 2034-M9 2034-Y")]
    [InlineData(3, "2034-Q3 2034-M9 2034-Y")]
    [InlineData(4, "2034-Q4 2034-Y")]
    public void A_quarter_brings_the_cumulative_periods_that_contain_it(int quarter, string expected) =>
        Assert.Equal(expected, string.Join(" ", ScheduledConsolidation.WithCumulative(PeriodKey.ForQuarter(2034, quarter))));

    [Fact]
    public async Task An_accepted_report_marks_its_quarter_and_one_pending_run_consolidates_and_clears_it()
    {
        var q1 = PeriodKey.ForQuarter(2035, 1);
        await using var h = new PipelineHarness(azurite.ConnectionString, ReportingCalendar.Default.Get(q1).DeadlineUtc.AddDays(-3));
        await h.UploadAndIngestAsync("21211", q1, Reports.Filled("21211", q1, Reports.AllNumbers(2)));
        await h.UploadAndIngestAsync("21211", q1, Reports.Filled("21211", q1, Reports.AllNumbers(3)));

        var first = await h.Get<ScheduledConsolidation>().RunPendingAsync(default);
        var second = await h.Get<ScheduledConsolidation>().RunPendingAsync(default);

        Assert.Equal(["2035-Q1", "2035-H1", "2035-M9", "2035-Y"], first.Where(o => o.Period.Year == 2035).Select(o => o.Period.ToString()));
        Assert.DoesNotContain(second, o => o.Period.Year == 2035);
        Assert.Equal(1, first.Single(o => o.Period == q1).Completeness.Received);
        // Cumulative completeness follows the last quarter (docs/consolidation.md): nobody has reported Q2–Q4 yet.
        Assert.All(first.Where(o => o.Period.IsCumulative && o.Period.Year == 2035), o => Assert.Equal(0, o.Completeness.Received));
    }
}
