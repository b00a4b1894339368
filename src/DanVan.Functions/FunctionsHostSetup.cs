using System.Net;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using DanVan.Functions.Portal;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using DanVan.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace DanVan.Functions;

/// <summary>
/// Everything Program.cs does to the worker's builder, public so tests can build the same host without Run().
/// </summary>
public static class FunctionsHostSetup
{
    /// <summary>The connection name the blob trigger uses (app setting or identity-based <c>DanVanStorage__*</c> settings).</summary>
    public const string StorageConnectionName = SettingNames.StorageConnection;

    /// <summary>The Functions host's own storage; the fallback for local runs against one account.</summary>
    public const string HostStorageConnectionName = SettingNames.HostStorageConnection;

    /// <summary>Application Insights' connection string; telemetry is sent only when it is set.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"Authorization=AAD" (set by infra/resources.bicep): the exporter signs in with the app's managed identity.</summary>
    public const string ApplicationInsightsAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static void Configure(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // HTTP functions receive the real ASP.NET Core HttpContext and may answer with an IResult (the portal's pipeline).
        builder.ConfigureFunctionsWebApplication();
        // Settings (DanVan:Ingest:…) are bound from the app settings and validated when the worker starts.
        builder.Services.AddDanVanPipeline(ResolveStorage(builder.Configuration));
        // Timers ask the clock through DI so tests and replays can pin "now".
        builder.Services.TryAddSingleton(TimeProvider.System);
        AddPortal(builder.Services, builder.Configuration);
        AddTelemetry(builder);
    }

    /// <summary>The portal's services, exactly as the self-host registers them, and its pipeline built once for the HTTP functions.</summary>
    private static void AddPortal(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDanVanPortal(configuration);
        services.AddSingleton<PortalPipeline>();
        // The Functions host forwards each request to the worker over loopback and rewrites Host and scheme to the
        // worker's own address; the public ones come in X-Forwarded-Host/-Proto. Only the host on loopback is believed,
        // so the cookie is the Secure __Host- one in Azure, never the loopback-only cookie.
        services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Add(IPAddress.Loopback);
            o.KnownProxies.Add(IPAddress.IPv6Loopback);
        });
    }

    /// <summary>
    /// OpenTelemetry to Application Insights when <see cref="ApplicationInsightsSetting"/> is set (the worker's
    /// Application Insights package pulls a System.Drawing.Common the ClosedXML pin forbids). Unlike that package,
    /// nothing drops logs below Warning: the pipeline's events at Information reach Application Insights.
    /// </summary>
    private static void AddTelemetry(FunctionsApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[ApplicationInsightsSetting]))
        {
            return;
        }
        // Bicep turns Application Insights' local auth off: telemetry is then accepted only with the app's Entra ID token.
        var entraId = (builder.Configuration[ApplicationInsightsAuthenticationSetting] ?? "").Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().UseAzureMonitorExporter(o =>
        {
            if (entraId)
            {
                o.Credential = new DefaultAzureCredential();
            }
        });
        builder.Logging.AddFilter<OpenTelemetryLoggerProvider>("DanVan", LogLevel.Information);
    }

    /// <summary>
    /// A connection string when one is set (local, Azurite); otherwise the identity-based settings the trigger
    /// extension also reads (<c>DanVanStorage__blobServiceUri</c>, <c>__tableServiceUri</c>) with the app's managed identity.
    /// </summary>
    public static DanVanStorage ResolveStorage(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var blob = NonEmpty(configuration[$"{StorageConnectionName}:blobServiceUri"]);
        var table = NonEmpty(configuration[$"{StorageConnectionName}:tableServiceUri"]);
        if (NonEmpty(configuration[StorageConnectionName]) is null && blob is not null)
        {
            if (table is null)
            {
                throw new InvalidOperationException(
                    $"'{StorageConnectionName}' uses identity-based settings: set both '{StorageConnectionName}__blobServiceUri' and '{StorageConnectionName}__tableServiceUri'.");
            }
            var queue = NonEmpty(configuration[$"{StorageConnectionName}:queueServiceUri"]);
            return new DanVanStorage(new Uri(blob), new Uri(table), new DefaultAzureCredential(), queue is null ? null : new Uri(queue));
        }
        return new DanVanStorage(ResolveStorageConnectionString(configuration));
    }

    /// <summary>"DanVanStorage", else "AzureWebJobsStorage"; a clear error instead of a late NullReferenceException.</summary>
    public static string ResolveStorageConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = NonEmpty(configuration[StorageConnectionName]) ?? NonEmpty(configuration[HostStorageConnectionName]);
        if (connection is not null)
        {
            return connection;
        }

        throw new InvalidOperationException(
            $"No storage connection: set '{StorageConnectionName}' (or '{HostStorageConnectionName}'), "
            + "e.g. 'UseDevelopmentStorage=true' for Azurite.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
