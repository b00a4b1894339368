using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AggregateStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_period_never_consolidated_has_no_figures()
    {
        var store = await StoreAsync();

        Assert.Empty(await store.ReadAsync(PeriodKey.ForQuarter(2041, 1), default));
    }

    [Fact]
    public async Task Replacing_keeps_the_new_figures_only_and_reads_them_back()
    {
        var store = await StoreAsync();
        var period = PeriodKey.ForQuarter(2041, 2);
        await store.ReplaceAsync(period,
        [
            new AggregateRow("PROVINCE", "Tỉnh", "A01", 12, null, null),
            new AggregateRow("D/01", "Huyện 1", "A01", 5, null, null),
        ], default);

        await store.ReplaceAsync(period,
        [
            new AggregateRow("PROVINCE", "Tỉnh", "A01", 13, null, null),
            new AggregateRow("PROVINCE", "Tỉnh", "R01", 37.5m, 3, 8),
        ], default);

        var rows = (await store.ReadAsync(period, default)).OrderBy(r => r.IndicatorCode).ToList();
        Assert.Equal(
            [new AggregateRow("PROVINCE", "Tỉnh", "A01", 13, null, null), new AggregateRow("PROVINCE", "Tỉnh", "R01", 37.5m, 3, 8)],
            rows);
    }

    private async Task<AggregateStore> StoreAsync()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        return new AggregateStore(storage);
    }
}
