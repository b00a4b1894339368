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

    [Fact]
    public async Task District_figures_stored_one_row_per_district_read_back_as_the_same_rows()
    {
        var store = await StoreAsync();
        var period = PeriodKey.ForQuarter(2044, 3);
        static List<AggregateRow> Figures(int seed) =>
        [
            .. new[] { "TINH", "LEVEL:XA", "HUYEN:001", "HUYEN:002", "HUYEN:0/3" }.SelectMany(scope => new[]
            {
                new AggregateRow(scope, "Tên " + scope, "A01", scope.Length + seed, null, null),
                new AggregateRow(scope, "Tên " + scope, "A02", null, null, null),
                new AggregateRow(scope, "Tên " + scope, "R01", scope == "HUYEN:002" ? null : 37.5m + seed, 3 + seed, scope == "HUYEN:002" ? 0 : 8),
            }),
        ];
        static string Key(AggregateRow r) => r.Scope + "|" + r.IndicatorCode;

        await store.ReplaceAsync(period, Figures(0), default);
        Assert.Equal(Figures(0).OrderBy(Key), (await store.ReadAsync(period, default)).OrderBy(Key));

        // Changed figures replace the old ones; a district gone is gone; unchanged ones stay as they were.
        var next = Figures(1).Where(r => r.Scope != "HUYEN:001").ToList();
        await store.ReplaceAsync(period, next, default);
        Assert.Equal(next.OrderBy(Key), (await store.ReadAsync(period, default)).OrderBy(Key));
        await store.ReplaceAsync(period, next, default);
        Assert.Equal(next.OrderBy(Key), (await store.ReadAsync(period, default)).OrderBy(Key));
    }

    private async Task<AggregateStore> StoreAsync()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        return new AggregateStore(storage);
    }
}
