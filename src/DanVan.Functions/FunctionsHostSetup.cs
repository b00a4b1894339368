using Azure.Identity;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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

    public static void Configure(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Settings (DanVan:Ingest:…) are bound from the app settings and validated when the worker starts.
        builder.Services.AddDanVanPipeline(ResolveStorage(builder.Configuration));
        // Timers ask the clock through DI so tests and replays can pin "now".
        builder.Services.TryAddSingleton(TimeProvider.System);
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
