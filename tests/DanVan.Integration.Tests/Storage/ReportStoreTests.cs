using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class ReportStoreTests(AzuriteFixture azurite)
{
    private static NewReportVersion Report(PeriodKey period, string unit, string id, long? value) => new(
        period, unit, id, id.PadRight(64, '0'), DateTimeOffset.UtcNow, false, 1,
        [new ReportValue("LD_VANBAN", value, null, "D10"), new ReportValue("LD_HOINGHI", null, null, "D11"), new ReportValue("NX_KIENNGHI", null, "Đề nghị tăng kinh phí", "D40")]);

    [Fact]
    public async Task Racing_uploads_for_one_unit_each_get_their_own_version_and_the_pointer_ends_on_the_last()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new ReportStore(storage, TimeProvider.System, new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2031, 1);

        var switches = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => store.AddVersionAsync(Report(period, "RACE", "s" + i, i), default)));

        Assert.Equal(Enumerable.Range(1, 8), switches.Select(s => s.Version).Order());
        // Each switch replaced exactly the version before it: no two racers both "won" the same step.
        Assert.Equal(7, switches.Count(s => s.SupersededSubmissionId is not null));
        var pointer = (await storage.Table(StorageNames.Current).GetEntityAsync<TableEntity>(period.ToString(), "RACE")).Value;
        Assert.Equal(8, pointer.GetInt32("Version"));
        var current = Assert.Single(await store.CurrentReportsAsync(period, default));
        Assert.Equal(8, current.Version);
        Assert.Equal(pointer.GetString("SubmissionId"), current.SubmissionId);
    }

    [Fact]
    public async Task A_blank_cell_is_stored_as_not_reported_and_stays_distinct_from_zero()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new ReportStore(storage, TimeProvider.System, new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2031, 2);

        await store.AddVersionAsync(Report(period, "ZERO", "z1", 0), default);
        var report = Assert.Single(await store.CurrentReportsAsync(period, default));

        Assert.Equal(0L, report.Numbers["LD_VANBAN"]);
        Assert.False(report.Numbers.ContainsKey("LD_HOINGHI"));
        Assert.Equal("Đề nghị tăng kinh phí", report.Texts["NX_KIENNGHI"]);
    }

    [Fact]
    public async Task A_quarter_read_for_comparisons_only_has_its_numbers_and_no_narratives()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new ReportStore(storage, TimeProvider.System, new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2031, 3);
        await store.AddVersionAsync(Report(period, "CMP1", "c1", 5), default);
        await store.AddVersionAsync(Report(period, "CMP2", "c2", 7), default);

        var numbersOnly = await store.CurrentReportsAsync(period, default, withTexts: false);

        Assert.Equal([5L, 7L], numbersOnly.OrderBy(r => r.UnitCode).Select(r => r.Numbers["LD_VANBAN"]!.Value));
        Assert.All(numbersOnly, r => Assert.Empty(r.Texts));
        // The code strings are shared between reports, not one copy per unit.
        Assert.Same(numbersOnly[0].Numbers.Keys.Single(), numbersOnly[1].Numbers.Keys.Single());
        Assert.All(await store.CurrentReportsAsync(period, default), r => Assert.Equal("Đề nghị tăng kinh phí", r.Texts["NX_KIENNGHI"]));
    }

    [Fact]
    public async Task Transactions_are_split_to_what_Azure_accepts()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var table = storage.Table(StorageNames.Aggregates);
        var entities = Enumerable.Range(0, 250).Select(i => (ITableEntity)new TableEntity(i % 2 == 0 ? "batch-a" : "batch-b", i.ToString("D4"))).ToList();

        await TableBatches.UpsertAsync(table, entities, default);

        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == "batch-a" || e.PartitionKey == "batch-b"))
        {
            count++;
        }
        Assert.Equal(250, count);
    }
}
