using System.Diagnostics;
using System.Text;

namespace DanVan.Core.Tests.Interop;

/// <summary>
/// The programs of the interoperability matrix. A missing one skips its tests with the reason, except on CI
/// (CI=true), where .ci/run installs them all and a missing one is a failure.
/// </summary>
public static class Tools
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }
        if (OnCi)
        {
            throw new InvalidOperationException($"Required on CI: {missingReason}");
        }
        Skip.If(true, missingReason);
    }

    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The repository root (where DanVan.Functions.sln is), found upwards from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DanVan.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DanVan.Functions.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a program to its end; throws with its output when it fails or takes longer than <paramref name="timeout"/>.</summary>
    public static string Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish in {limit.TotalSeconds} s.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}: {stderr.Result} {stdout.Result}");
        }
        return stdout.Result;
    }
}
