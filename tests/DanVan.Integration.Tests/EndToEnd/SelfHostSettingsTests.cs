using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using DanVan.Pipeline.Azurite;

namespace DanVan.Integration.Tests.EndToEnd;

[Collection(SelfHostCollection.Name)]
public sealed class SelfHostSettingsTests
{
    [Fact]
    public async Task Ingestion_limits_and_retries_are_settings()
    {
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
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
