using DanVan.Core.Calendar;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class PublicationStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_new_version_is_written_only_when_the_content_changed_and_earlier_versions_are_kept()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new PublicationStore(storage, new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2032, 3);

        var first = await store.PublishAsync(period, "aaa", BinaryData.FromString("one"), default);
        var again = await store.PublishAsync(period, "aaa", BinaryData.FromString("one, rebuilt later"), default);
        var changed = await store.PublishAsync(period, "bbb", BinaryData.FromString("two"), default);

        Assert.Equal((1, true), first);
        Assert.Equal((1, false), again);
        Assert.Equal((2, true), changed);
        var container = storage.Container(StorageNames.Published);
        Assert.Equal("one", (await container.GetBlobClient(PublicationStore.VersionName(period, 1)).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("two", (await container.GetBlobClient(PublicationStore.LatestName(period)).DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Reading_a_period_never_published_answers_not_there()
    {
        var store = new PublicationStore(await StorageAsync(), new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2033, 1);

        Assert.Null(await store.OpenLatestAsync(period, default));
        Assert.Null(await store.OpenVersionAsync(period, 1, default));
        Assert.Empty(await store.ListVersionsAsync(period, default));
    }

    [Fact]
    public async Task Published_versions_are_listed_and_opened_by_number()
    {
        var store = new PublicationStore(await StorageAsync(), new DanVan.Pipeline.Reliability.NoCrashPoints());
        var period = PeriodKey.ForQuarter(2033, 2);
        await store.PublishAsync(period, "fp-one", BinaryData.FromString("one"), default);
        await store.PublishAsync(period, "fp-two", BinaryData.FromString("two"), default);

        var versions = await store.ListVersionsAsync(period, default);

        Assert.Equal([(1, "fp-one"), (2, "fp-two")], versions.Select(v => (v.Version, v.Fingerprint)));
        Assert.All(versions, v => Assert.NotEqual(default, v.PublishedUtc));
        Assert.Equal("one", await ReadAsync(await store.OpenVersionAsync(period, 1, default)));
        Assert.Equal("two", await ReadAsync(await store.OpenLatestAsync(period, default)));
        Assert.Null(await store.OpenVersionAsync(period, 3, default));
    }

    [Fact]
    public async Task Each_version_keeps_the_completeness_it_printed_Vietnamese_text_included()
    {
        var store = new PublicationStore(await StorageAsync(), new DanVan.Pipeline.Reliability.NoCrashPoints());
        // A quarter no other test of the shared Azurite publishes.
        var period = PeriodKey.ForQuarter(2079, 3);
        await store.PublishAsync(period, "fp-a", BinaryData.FromString("a"), default, "Đã nhận 3/5 báo cáo, 1 nộp muộn, 2 chưa nộp");
        await store.PublishAsync(period, "fp-b", BinaryData.FromString("b"), default, "Đã nhận 5/5 báo cáo, 1 nộp muộn, 0 chưa nộp");

        var versions = await store.ListVersionsAsync(period, default);

        Assert.Equal(["Đã nhận 3/5 báo cáo, 1 nộp muộn, 2 chưa nộp", "Đã nhận 5/5 báo cáo, 1 nộp muộn, 0 chưa nộp"], versions.Select(v => v.CompletenessVi));
    }

    private async Task<DanVanStorage> StorageAsync()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        return storage;
    }

    private static async Task<string> ReadAsync(Stream? stream)
    {
        Assert.NotNull(stream);
        await using (stream)
        {
            return await new StreamReader(stream).ReadToEndAsync();
        }
    }
}
