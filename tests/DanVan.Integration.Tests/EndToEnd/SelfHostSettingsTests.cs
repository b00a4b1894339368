using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.EndToEnd;

[Collection(AzuriteCollection.Name)]
public sealed class SelfHostSettingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingestion_limits_and_retries_are_settings()
    {
        await using var host = await ServeHost.StartAsync(new ServeOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            Settings = new Dictionary<string, string?>
            {
                ["DanVan:Ingest:MaxAttempts"] = "7",
                ["DanVan:Ingest:MaxFileBytes"] = "1048576",
            },
        }, CancellationToken.None);

        var options = host.Services.GetRequiredService<IngestOptions>();

        Assert.Equal(7, options.MaxAttempts);
        Assert.Equal(1_048_576, options.Limits.MaxFileBytes);
        Assert.Equal(new IngestOptions().MaxCells, options.Limits.MaxCells);
    }
}
