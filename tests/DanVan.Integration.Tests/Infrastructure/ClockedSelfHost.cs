using Azure;
using Azure.Storage.Blobs;
using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Pipeline.Storage;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>
/// `danvan serve` in-process over an Azurite of its own, with a frozen clock the test moves: what the end-to-end
/// tests start. The scheduled and nightly consolidations never fire; the pending one runs every two seconds if asked.
/// </summary>
public sealed class ClockedSelfHost : IAsyncDisposable
{
    private const string Never = "0 0 0 1 1 *";

    private ClockedSelfHost(AzuriteLauncher azurite, ServeHost host, FakeTimeProvider clock)
    {
        Azurite = azurite;
        Host = host;
        Clock = clock;
    }

    public AzuriteLauncher Azurite { get; }
    public ServeHost Host { get; }
    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => Host.Services;
    public string Url => Host.Url;

    public static async Task<ClockedSelfHost> StartAsync(DateTimeOffset now, bool consolidatePending = false)
    {
        var azurite = await AzuriteLauncher.StartAsync();
        try
        {
            var clock = new FakeTimeProvider(now);
            var host = await ServeHost.StartAsync(new ServeOptions
            {
                HostId = TestHostIds.Next(),
                StorageConnectionString = azurite.ConnectionString,
                Settings = new Dictionary<string, string?>
                {
                    [SettingNames.PendingSchedule] = consolidatePending ? "*/2 * * * * *" : Never,
                    [SettingNames.NightlySchedule] = Never,
                    [SettingNames.ConsolidationSchedule] = Never,
                },
                ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            }, CancellationToken.None);
            return new ClockedSelfHost(azurite, host, clock);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>The period's latest published workbook once <paramref name="ready"/> says it counts what the test sent.</summary>
    public Task<SummaryReader> PublishedAsync(PeriodKey period, Func<SummaryReader, bool> ready, TimeSpan within, string what)
    {
        var published = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(StorageNames.Published).GetBlobClient(PublicationStore.LatestName(period));
        return Eventually.GetAsync(async () =>
        {
            try
            {
                var reader = SummaryReader.Open((await published.DownloadContentAsync()).Value.Content);
                return ready(reader) ? reader : null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }, within, what);
    }

    /// <summary>The province column of the summary sheet.</summary>
    public static bool IsProvince(string header) => header.Contains("tỉnh", StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
