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
}
