using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>The self-host's settings: its defaults yield to the environment, a bad value stops it at start.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class SelfHostSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Ingestion_limits_and_retries_are_settings()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["DanVan:Ingest:MaxAttempts"] = "7",
            ["DanVan:Ingest:MaxFileBytes"] = "1048576",
        });

        var options = host.Services.GetRequiredService<IngestOptions>();

        Assert.Equal(7, options.MaxAttempts);
        Assert.Equal(1_048_576, options.Limits.MaxFileBytes);
        Assert.Equal(new IngestOptions().MaxCells, options.Limits.MaxCells);
    }

    [Theory]
    [InlineData("DanVan:Ingest:MaxAttempts", "0")]
    [InlineData("DanVan:Ingest:MaxFileBytes", "0")]
    [InlineData("DanVan:Ingest:MaxXmlDepth", "0")]
    [InlineData("DanVan:Ingest:MemoryBudgetMb", "1")]
    public async Task A_bad_setting_stops_the_self_host_at_start_and_names_the_setting(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_variable_overrides_the_self_hosts_default_schedule()
    {
        const string variable = "DanVan__PendingSchedule";
        const string schedule = "*/17 * * * * *";
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, schedule);
        try
        {
            await using var host = await StartAsync(new Dictionary<string, string?>());

            // The name resolver is what the timer trigger asks for %DanVan:PendingSchedule%.
            var names = host.TriggerServices.GetRequiredService<INameResolver>();
            Assert.Equal(schedule, names.Resolve(SettingNames.PendingSchedule));
            Assert.Equal(ReportingCalendar.Default.NightlyCronUtc, names.Resolve(SettingNames.NightlySchedule));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }

    [Fact]
    public async Task Without_an_override_the_self_host_consolidates_pending_quarters_every_few_seconds()
    {
        Assert.Null(Environment.GetEnvironmentVariable("DanVan__PendingSchedule"));
        await using var host = await StartAsync(new Dictionary<string, string?>());

        Assert.Equal(SettingNames.LocalPendingSchedule, host.TriggerServices.GetRequiredService<INameResolver>().Resolve(SettingNames.PendingSchedule));
    }

    private Task<ServeHost> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = azurite.ConnectionString,
            Settings = settings,
        }, CancellationToken.None);
}
