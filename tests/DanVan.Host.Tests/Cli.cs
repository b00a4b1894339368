using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

/// <summary>Runs `danvan ARGS...` in-process with StringWriter consoles.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, new VerbConsole(output, error), CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- err ---\n{Error}";
}
