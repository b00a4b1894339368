using System.Text.Json;

namespace DanVan.Functions.Tests;

/// <summary>local.settings.sample.json and host.json at the repository root: complete, and free of secrets.</summary>
public sealed class SettingsFileTests
{
    [Fact]
    public void Sample_settings_name_every_setting_the_app_reads()
    {
        var values = SampleValues();

        // '__' in a Values key is ':' in configuration, which is how %DanVan:ConsolidationSchedule% resolves.
        Assert.Superset(
            new HashSet<string>
            {
                "FUNCTIONS_WORKER_RUNTIME",
                FunctionsHostSetup.HostStorageConnectionName,
                FunctionsHostSetup.StorageConnectionName,
                ConsolidateOnSchedule.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal),
                ConsolidateNightly.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal),
                ConsolidatePending.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal),
                RemindDaily.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal),
            },
            values.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Sample_settings_hold_no_secrets()
    {
        foreach (var (key, value) in SampleValues())
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", value, StringComparison.OrdinalIgnoreCase);
            if (key.Contains("Storage", StringComparison.Ordinal))
            {
                Assert.Equal("UseDevelopmentStorage=true", value);
            }
        }
    }

    [Theory]
    [InlineData("DanVan__ConsolidationSchedule", "0 0 18 * * *")]
    [InlineData("DanVan__NightlySchedule", "0 30 19 * * *")]
    [InlineData("DanVan__PendingSchedule", "0 */5 * * * *")]
    [InlineData("DanVan__ReminderSchedule", "0 0 1 * * *")]
    public void Sample_schedules_are_the_documented_defaults(string key, string cron)
    {
        Assert.Equal(cron, SampleValues()[key]);
    }

    [Fact]
    public void Host_json_is_version_2_and_reaches_the_build_output()
    {
        using var source = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "host.json")));
        Assert.Equal("2.0", source.RootElement.GetProperty("version").GetString());
        Assert.True(File.Exists(Path.Combine(TestPaths.FunctionsOutputDirectory, "host.json")));
    }

    [Fact]
    public void Portal_routes_start_at_the_site_root_and_the_home_page_is_off()
    {
        using var source = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "host.json")));
        Assert.Equal("", source.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("true", SampleValues()["AzureWebJobsDisableHomepage"]);
    }

    private static Dictionary<string, string> SampleValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }
}
