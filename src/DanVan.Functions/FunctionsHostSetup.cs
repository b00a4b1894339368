using DanVan.Pipeline;
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
    public const string StorageConnectionName = "DanVanStorage";

    /// <summary>The Functions host's own storage; the fallback for local runs against one account.</summary>
    public const string HostStorageConnectionName = "AzureWebJobsStorage";

    public static void Configure(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = ResolveStorageConnectionString(builder.Configuration);
        builder.Services.AddDanVanPipeline(connection);
        // Timers ask the clock through DI so tests and replays can pin "now".
        builder.Services.TryAddSingleton(TimeProvider.System);
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

        // Identity-based settings (DanVanStorage__blobServiceUri, ...) satisfy the trigger extension but not
        // DanVan.Pipeline, whose AddDanVanPipeline takes only a connection string today.
        if (NonEmpty(configuration[$"{StorageConnectionName}:blobServiceUri"]) is not null)
        {
            throw new InvalidOperationException(
                $"'{StorageConnectionName}' is configured with identity-based settings only; DanVan.Pipeline needs a "
                + "connection string until it accepts service URIs and a TokenCredential.");
        }

        throw new InvalidOperationException(
            $"No storage connection: set '{StorageConnectionName}' (or '{HostStorageConnectionName}'), "
            + "e.g. 'UseDevelopmentStorage=true' for Azurite.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
