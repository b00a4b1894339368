using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

/// <summary>
/// Verbs that need storage refuse to run without it. DANVAN_STORAGE is cleared for this process: these tests
/// must not reach a real account even when the developer's shell has one configured.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class StorageVerbTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(StorageOption.EnvironmentVariable);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"danvan-{Guid.NewGuid():N}.xlsx");

    public StorageVerbTests()
    {
        Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, null);
        File.WriteAllBytes(_file, [0x50, 0x4B, 0x03, 0x04]);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, _saved);
        File.Delete(_file);
    }

    public static TheoryData<string[]> NeedStorage => new()
    {
        new[] { "status", "--period", "2025-Q3" },
        new[] { "status", "--period", "2025-Q3", "--json" },
        new[] { "consolidate", "--period", "2025-Q3" },
        new[] { "status", "--period", "2025-Q3", "--storage" },
    };

    [Theory]
    [MemberData(nameof(NeedStorage))]
    public async Task Without_storage_the_verb_is_wrong_usage_and_says_how_to_give_it(string[] args)
    {
        var r = await Cli.RunAsync(args);

        AssertAsksForStorage(r);
    }

    [Fact]
    public async Task Submit_without_storage_is_wrong_usage()
    {
        var r = await Cli.RunAsync("submit", _file, "--unit", "21211", "--period", "2025-Q3");

        AssertAsksForStorage(r);
    }

    [Fact]
    public async Task An_empty_DANVAN_STORAGE_counts_as_none()
    {
        Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, "  ");
        var r = await Cli.RunAsync("status", "--period", "2025-Q3");

        AssertAsksForStorage(r);
    }

    /// <summary>A connection string that is not one is the operator's mistake: exit 2 and a Vietnamese message,
    /// not an unhandled FormatException.</summary>
    [Theory]
    [InlineData("status", "--period", "2025-Q3")]
    [InlineData("consolidate", "--period", "2025-Q3")]
    public async Task A_malformed_connection_string_is_wrong_usage(params string[] args)
    {
        var r = await Cli.RunAsync([.. args, "--storage", "not a connection string"]);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("--storage", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("consolidate")]
    public async Task An_invalid_period_is_wrong_usage_before_storage_is_touched(string verb)
    {
        var r = await Cli.RunAsync(verb, "--period", "2025-Q9", "--storage", "UseDevelopmentStorage=true");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("Kỳ báo cáo '2025-Q9' không hợp lệ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_with_an_invalid_period_and_no_storage_is_wrong_usage()
    {
        var r = await Cli.RunAsync("status", "--period", "2025-Q9");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("2025-Q9", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("consolidate")]
    public async Task Missing_period_is_wrong_usage(string verb)
    {
        var r = await Cli.RunAsync(verb, "--storage", "UseDevelopmentStorage=true");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("--period", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_of_a_missing_file_or_without_unit_is_wrong_usage()
    {
        var missing = await Cli.RunAsync("submit", _file + ".nope", "--unit", "21211", "--storage", "UseDevelopmentStorage=true");
        var noUnit = await Cli.RunAsync("submit", _file, "--storage", "UseDevelopmentStorage=true");

        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("Không tìm thấy tệp", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noUnit.ExitCode);
        Assert.Contains("--unit", noUnit.Error, StringComparison.Ordinal);
    }

    private static void AssertAsksForStorage(CliResult r)
    {
        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("--storage", r.Error, StringComparison.Ordinal);
        Assert.Contains(StorageOption.EnvironmentVariable, r.Error, StringComparison.Ordinal);
        Assert.Contains("Cách dùng:", r.Error, StringComparison.Ordinal);
    }
}

/// <summary>Tests that change process environment variables never run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
