using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_verb_and_exits_0()
    {
        var r = await Cli.RunAsync("help");

        Assert.Equal(ExitCodes.Done, r.ExitCode);
        Assert.NotEmpty(CommandLine.Verbs);
        foreach (var verb in CommandLine.Verbs)
        {
            Assert.Contains("danvan " + verb.Name, r.Out, StringComparison.Ordinal);
            Assert.Contains(verb.Usage, r.Out, StringComparison.Ordinal);
        }
        // Verbs of docs/system-contract.md §2 that must never go missing.
        foreach (var name in new[] { "serve", "calendar", "units", "template", "check", "submit", "status", "consolidate" })
        {
            Assert.Contains(CommandLine.Verbs, v => v.Name == name);
        }
    }

    [Fact]
    public async Task No_arguments_prints_help_as_wrong_usage()
    {
        var r = await Cli.RunAsync();

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("danvan calendar", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_is_wrong_usage_with_a_Vietnamese_message()
    {
        var r = await Cli.RunAsync("frobnicate", "--json");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("Không có lệnh 'frobnicate'", r.Error, StringComparison.Ordinal);
        Assert.Contains("danvan help", r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public void Verb_names_are_unique()
    {
        Assert.Equal(CommandLine.Verbs.Count, CommandLine.Verbs.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count());
    }
}
