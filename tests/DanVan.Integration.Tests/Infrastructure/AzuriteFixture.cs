using DanVan.Host.Cli;
using DanVan.Pipeline.Azurite;

namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>One real Azurite per test collection, on free ports with its own data folder.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync() => _azurite = await AzuriteLauncher.StartAsync();

    /// <summary>Runs a `danvan` verb as the command line does, with `--storage` this Azurite.</summary>
    public async Task<(int Code, string Out, string Error)> RunVerbAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--storage", ConnectionString], new VerbConsole(output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Tests that run a whole self-host (its own Azurite, triggers, Kestrel, maybe a browser) take turns: on two cores,
/// several at once would be measuring the machine, not the pipeline.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SelfHostCollection
{
    public const string Name = "SelfHost";
}
