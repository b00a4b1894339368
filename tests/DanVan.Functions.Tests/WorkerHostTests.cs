using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DanVan.Functions.Tests;

/// <summary>The worker host Program.cs builds, built here the same way but never Run() (no Functions host to talk to).</summary>
public sealed class WorkerHostTests
{
    [Theory]
    [InlineData(typeof(IngestUpload))]
    [InlineData(typeof(ConsolidateOnSchedule))]
    [InlineData(typeof(ConsolidatePending))]
    [InlineData(typeof(ConsolidateNightly))]
    public void Function_class_resolves_from_the_host_services(Type functionClass)
    {
        using var host = BuildHost(new() { ["DanVanStorage"] = "UseDevelopmentStorage=true" });

        var instance = ActivatorUtilities.CreateInstance(host.Services, functionClass);

        Assert.IsType(functionClass, instance);
    }

    [Theory]
    [InlineData(typeof(DanVan.Functions.Portal.PublicFunctions))]
    [InlineData(typeof(DanVan.Functions.Portal.AgencyFunctions))]
    [InlineData(typeof(DanVan.Functions.Portal.ConsolidatorFunctions))]
    [InlineData(typeof(DanVan.Functions.Portal.ReaderFunctions))]
    public void Portal_function_classes_resolve_and_build_the_portal_pipeline(Type functionClass)
    {
        using var host = BuildHost(new() { ["DanVanStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType(functionClass, ActivatorUtilities.CreateInstance(host.Services, functionClass));
        Assert.NotNull(host.Services.GetRequiredService<DanVan.Functions.Portal.PortalPipeline>().Result);
    }

    [Fact]
    public void With_an_Application_Insights_connection_string_the_worker_sends_traces_metrics_and_Information_logs()
    {
        using var host = BuildHost(new()
        {
            ["DanVanStorage"] = "UseDevelopmentStorage=true",
            [FunctionsHostSetup.ApplicationInsightsSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
        });

        Assert.NotNull(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Contains(host.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>(), p => p is OpenTelemetry.Logs.OpenTelemetryLoggerProvider);
        // The pipeline's [LoggerMessage] events are Information: no rule may drop them on the way to Application Insights.
        var rules = host.Services.GetRequiredService<IOptions<Microsoft.Extensions.Logging.LoggerFilterOptions>>().Value.Rules;
        Assert.Contains(rules, r => r.ProviderName == typeof(OpenTelemetry.Logs.OpenTelemetryLoggerProvider).FullName && r.CategoryName == "DanVan" && r.LogLevel == Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.DoesNotContain(rules, r => r.LogLevel > Microsoft.Extensions.Logging.LogLevel.Information && (r.CategoryName is null || "DanVan.Pipeline".StartsWith(r.CategoryName, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Authorization=AAD", true)]
    [InlineData(null, false)]
    public void With_Entra_ID_authentication_set_the_exporter_signs_in_with_the_managed_identity(string? authentication, bool signsIn)
    {
        using var host = BuildHost(new()
        {
            ["DanVanStorage"] = "UseDevelopmentStorage=true",
            [FunctionsHostSetup.ApplicationInsightsSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            [FunctionsHostSetup.ApplicationInsightsAuthenticationSetting] = authentication,
        });

        // infra/resources.bicep turns local auth off: without a credential Application Insights would refuse every item.
        var options = host.Services.GetRequiredService<IOptionsMonitor<Azure.Monitor.OpenTelemetry.Exporter.AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(signsIn, options.Credential is Azure.Identity.DefaultAzureCredential);
    }

    [Fact]
    public void Without_the_connection_string_no_telemetry_is_set_up()
    {
        using var host = BuildHost(new() { ["DanVanStorage"] = "UseDevelopmentStorage=true" });

        Assert.Null(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }

    [Fact]
    public void Ingestion_limits_come_from_the_DanVan_Ingest_settings()
    {
        using var host = BuildHost(new() { ["DanVanStorage"] = "UseDevelopmentStorage=true", ["DanVan:Ingest:MaxCells"] = "5000" });

        Assert.Equal(5000, host.Services.GetRequiredService<DanVan.Pipeline.IngestOptions>().Limits.MaxCells);
    }

    [Theory]
    [InlineData("DanVan:Ingest:MaxAttempts", "0")]
    [InlineData("DanVan:Ingest:MaxCells", "-1")]
    public async Task A_bad_setting_stops_the_worker_at_start_and_names_the_setting(string setting, string value)
    {
        using var host = BuildHost(new()
        {
            ["DanVanStorage"] = "UseDevelopmentStorage=true",
            // What the Functions host hands a worker it starts; nothing listens there, and validation comes first.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
            ["Functions:Worker:WorkerId"] = "test",
            ["Functions:Worker:RequestId"] = "test",
            ["Functions:Worker:GrpcMaxMessageLength"] = "1024",
            [setting] = value,
        });

        // The token only keeps a regression from hanging the run: a valid host would go on to dial the endpoint.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(guard.Token));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DanVanStorage_wins_over_the_host_storage()
    {
        var configuration = Configuration(new()
        {
            ["DanVanStorage"] = "UseDevelopmentStorage=true;A=1",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true;B=2",
        });

        Assert.Equal("UseDevelopmentStorage=true;A=1", FunctionsHostSetup.ResolveStorageConnectionString(configuration));
    }

    [Fact]
    public void Falls_back_to_AzureWebJobsStorage()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("UseDevelopmentStorage=true", FunctionsHostSetup.ResolveStorageConnectionString(configuration));
    }

    [Fact]
    public void Missing_storage_fails_at_startup_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuildHost([]));
        Assert.Contains("DanVanStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_based_settings_build_keyless_clients_for_the_named_account()
    {
        var configuration = Configuration(new()
        {
            ["DanVanStorage:blobServiceUri"] = "https://danvanexample.blob.core.windows.net",
            ["DanVanStorage:tableServiceUri"] = "https://danvanexample.table.core.windows.net",
        });

        var storage = FunctionsHostSetup.ResolveStorage(configuration);

        Assert.Equal("danvanexample.blob.core.windows.net", storage.Blobs.Uri.Host);
        Assert.Equal("danvanexample", storage.Tables.AccountName);
        Assert.False(storage.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void Identity_based_settings_without_the_table_endpoint_fail_clearly()
    {
        var configuration = Configuration(new() { ["DanVanStorage:blobServiceUri"] = "https://example.blob.core.windows.net" });

        var error = Assert.Throws<InvalidOperationException>(() => FunctionsHostSetup.ResolveStorage(configuration));
        Assert.Contains("tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timers_get_the_system_clock_unless_one_is_registered()
    {
        using var host = BuildHost(new() { ["DanVanStorage"] = "UseDevelopmentStorage=true" });

        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        // Replace whatever the environment carries so the test sees only its own settings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        FunctionsHostSetup.Configure(builder);
        return builder.Build();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
