using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Storage;

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
        h.Clock.Now = BeforeDeadline(quarter);
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
