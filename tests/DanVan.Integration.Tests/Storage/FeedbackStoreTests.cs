using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class FeedbackStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_feedback_workbook_is_read_back_by_its_name_and_a_missing_one_is_not_there()
    {
        var storage = new DanVanStorage(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new FeedbackStore(storage, new SubmissionStore(storage), new ArchiveStore(storage), DanVan.Pipeline.ReferenceData.Default, new DanVan.Pipeline.IngestOptions());
        var name = FeedbackStore.NameFor("2033-Q4", "UNIT-FB", "UNIT-FB_abc");

        Assert.Null(await store.OpenAsync(name, default));

        await store.PutAsync(name, new MemoryStream("first"u8.ToArray()), default);
        // A retry of the same submission rewrites its workbook.
        await store.PutAsync(name, new MemoryStream("second"u8.ToArray()), default);

        await using var stream = await store.OpenAsync(name, default);
        Assert.NotNull(stream);
        Assert.Equal("second", await new StreamReader(stream).ReadToEndAsync());
        Assert.Equal("2033-Q4/UNIT-FB/UNIT-FB_abc.xlsx", name);
    }
}
