using DanVan.Core.Calendar;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using DanVan.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>
/// What `danvan serve` runs in one process: Azurite (unless a connection string is given), the portal on Kestrel,
/// and the WebJobs SDK blob, queue and timer triggers in a host of their own (<see cref="TriggerHost"/>), which is
/// restarted when one of its listeners fails (storage unreachable) instead of taking the process down with it.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TriggerHost _triggers;
    private readonly AzuriteLauncher? _azurite;

    private ServeHost(WebApplication app, TriggerHost triggers, AzuriteLauncher? azurite, string url, string connectionString)
    {
        _app = app;
        _triggers = triggers;
        _azurite = azurite;
        Url = url;
        ConnectionString = connectionString;
    }

    public string Url { get; }

    public string ConnectionString { get; }

    /// <summary>The portal's services (the pipeline's services, without the triggers).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The running triggers' services (name resolver, WebJobs options); they change when the triggers restart.</summary>
    public IServiceProvider TriggerServices => _triggers.Services;

    /// <summary>How often the triggers were restarted after a listener failed.</summary>
    public int TriggerRestarts => _triggers.Restarts;

    public static async Task<ServeHost> StartAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        AzuriteLauncher? azurite = null;
        var connection = options.StorageConnectionString ?? Environment.GetEnvironmentVariable("DANVAN_STORAGE");
        if (string.IsNullOrWhiteSpace(connection))
        {
            options.Progress?.Report("Đang khởi động Azurite (kho lưu trữ cục bộ)…");
            azurite = await AzuriteLauncher.StartAsync(options.AzuriteDataFolder, progress: options.Progress, cancellationToken: cancellationToken);
            connection = azurite.ConnectionString;
        }

        try
        {
            // Containers and tables exist before the triggers start listening.
            await new DanVan.Pipeline.Storage.DanVanStorage(connection).EnsureCreatedAsync(cancellationToken);
            var app = Build(options, connection);
            options.Progress?.Report("Đang khởi động bộ xử lý và cổng thông tin…");
            var triggers = new TriggerHost(
                restart => BuildTriggers(options, connection, app.Configuration, restart),
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<TriggerHost>());
            try
            {
                await triggers.StartAsync(cancellationToken);
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await triggers.DisposeAsync();
                throw;
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ServeHost(app, triggers, azurite, address.TrimEnd('/') + "/", connection);
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
            throw;
        }
    }

    private static WebApplication Build(ServeOptions options, string connection)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var calendar = ReportingCalendar.Default;
        // Defaults come first, so appsettings.json and environment variables (DanVan__PendingSchedule, …) override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [SettingNames.ConsolidationSchedule] = calendar.ConsolidationCronUtc,
                [SettingNames.NightlySchedule] = calendar.NightlyCronUtc,
                [SettingNames.PendingSchedule] = SettingNames.LocalPendingSchedule,
                [SettingNames.ReconcileSchedule] = SettingNames.LocalReconcileSchedule,
                [SettingNames.ReminderSchedule] = SettingNames.DefaultReminderSchedule,
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                // The WebJobs SDK's start-up report (options dumps, host and trigger listing, each run's "Executing …")
                // is for whoever debugs the host, not for the person running `danvan serve`.
                ["Logging:LogLevel:Host"] = "Warning",
                ["Logging:LogLevel:Function"] = "Warning",
                ["Logging:LogLevel:Microsoft.Azure.WebJobs"] = "Warning",
                ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                // Azure.Core logs every expected 404 (a queue the SDK creates on demand) as a warning.
                ["Logging:LogLevel:Azure"] = "Error",
                // Keys unencrypted in local storage: PortalDataProtection says so once, at Information, instead.
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
            },
        });
        // The storage in use was settled above (--storage, DANVAN_STORAGE or the Azurite just started): triggers and
        // services must see that one, and the caller's explicit settings win over everything.
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.HostStorageConnection] = connection,
            [SettingNames.StorageConnection] = connection,
        };
        foreach (var (k, v) in options.Settings)
        {
            settings[k] = v;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Logging.ClearProviders();
        if (options.ConsoleLogs)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        // Limits and retries are settings (DanVan:Ingest:MaxFileBytes, …), defaults in IngestOptions, checked at start.
        builder.Services.AddDanVanPipeline(connection);
        builder.Services.AddDanVanPortal(builder.Configuration);
        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseDanVanPortal();
        return app;
    }

    /// <summary>The WebJobs SDK host of the triggers, over the portal's configuration; built again on each restart.</summary>
    private static IHost BuildTriggers(ServeOptions options, string connection, IConfiguration configuration, Action<Exception> listenerFailed)
    {
        var builder = new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration(c => c.AddConfiguration(configuration))
            .ConfigureLogging((context, logging) =>
            {
                logging.AddConfiguration(context.Configuration.GetSection("Logging"));
                if (options.ConsoleLogs)
                {
                    logging.AddSimpleConsole(o => o.SingleLine = true);
                }
            })
            .ConfigureServices(services =>
            {
                services.AddDanVanPipeline(connection);
                options.ConfigureServices?.Invoke(services);
            })
            .ConfigureWebJobs(webJobs =>
            {
                // Timer locks and blob receipts belong to the host id: stable in production, one per host in tests.
                webJobs.UseHostId(options.HostId);
                webJobs.AddAzureStorageCoreServices();
                // At most 4 + 4 + 2 deliveries at once (not the SDKs' 16 + 24); the ingest memory budget then decides how
                // many files are read together (DanVan:Ingest:MemoryBudgetMb).
                webJobs.AddAzureStorageBlobs(b => b.MaxDegreeOfParallelism = 4);
                // Upload requests are picked up within a second, not after the SDK's back-off of up to a minute.
                webJobs.AddAzureStorageQueues(q =>
                {
                    q.MaxPollingInterval = TimeSpan.FromSeconds(1);
                    q.BatchSize = 4;
                    q.NewBatchThreshold = 2;
                });
                webJobs.AddTimers();
                webJobs.Services.AddSingleton<ITypeLocator, JobTypeLocator>();
                // A listener that fails (storage unreachable) would end the process; here it restarts the triggers.
                webJobs.Services.AddSingleton<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandlerFactory>(new ListenerFailureHandlerFactory(listenerFailed));
            });
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        // Ctrl+C reaches Azurite too, so the triggers may fail to release their leases in storage that is already gone
        // (the leases expire by themselves) and the WebJobs SDK then also throws while disposing. Not the concern of the
        // person stopping `danvan serve`: recorded at debug level only.
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ServeHost>();
        await _triggers.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long; disposal below ends it.
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "The self-host did not stop cleanly");
            }
        }
        try
        {
            await _app.DisposeAsync();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "The self-host did not dispose cleanly");
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

public sealed record ServeOptions
{
    public string? StorageConnectionString { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Where Azurite keeps its data; null means a temporary folder removed at the end.</summary>
    public string? AzuriteDataFolder { get; init; }

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public IProgress<string>? Progress { get; init; }

    public bool ConsoleLogs { get; init; }

    /// <summary>Lower-case letters, digits and dashes, at most 32 characters.</summary>
    public string HostId { get; init; } = "danvan-selfhost";
}
