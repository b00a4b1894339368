using System.Diagnostics;
using DanVan.Integration.Tests.Infrastructure;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>
/// The real `danvan serve` process, stopped as systemctl, docker and CI stop it: SIGTERM. It must stop its host and
/// the Azurite it started and exit 0, not keep running (and firing its timers) until killed.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class ServeSignalTests
{
    private const string PortalLine = "Cổng thông tin DanVan: ";

    [SkippableTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_stop_signal_ends_serve_with_0_and_its_Azurite_with_it(string signal)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Signals and /proc are tested on Linux.");
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "danvan.dll"), "serve", "--port", "0", "--quiet", "--no-demo" },
            WorkingDirectory = RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment.Remove("DANVAN_STORAGE"); // it must start its own Azurite
        using var serve = Process.Start(psi)!;
        var error = serve.StandardError.ReadToEndAsync();
        int[] azurite;
        try
        {
            // First run may install Azurite with npm ci; this is a guard against hanging, not a measurement.
            using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await WaitForLineAsync(serve.StandardOutput, PortalLine, starting.Token);
            azurite = AzuriteChildren(serve.Id);
            Assert.NotEmpty(azurite);

            await Signal(serve.Id, signal);

            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await serve.WaitForExitAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            var running = !serve.HasExited;
            serve.Kill(entireProcessTree: true);
            Assert.Fail($"danvan serve {(running ? "did not stop" : "did not start")} in time. stderr:\n{await error}");
            throw;
        }

        Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}; stderr:\n{await error}");
        Assert.Contains("Đang dừng", await serve.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.All(azurite, pid => Assert.False(IsRunning(pid), $"Azurite (pid {pid}) outlived danvan serve"));
    }

    private static async Task WaitForLineAsync(StreamReader output, string prefix, CancellationToken cancellationToken)
    {
        while (await output.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }
        throw new OperationCanceledException("danvan serve ended before printing its portal address.");
    }

    private static async Task Signal(int pid, string signal)
    {
        // Process.Kill is SIGKILL; the point here is the signal a service manager sends.
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Node processes running azurite whose parent is this process.</summary>
    private static int[] AzuriteChildren(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Where(pid => ParentOf(pid) == parent && CommandLineOf(pid).Contains("azurite", StringComparison.Ordinal))
            .ToArray();

    private static bool IsRunning(int pid) =>
        CommandLineOf(pid).Contains("azurite", StringComparison.Ordinal) && !StatOf(pid).Contains(") Z ", StringComparison.Ordinal);

    private static int ParentOf(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
        var stat = StatOf(pid);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var ppid) ? ppid : -1;
    }

    private static string StatOf(int pid) => Read($"/proc/{pid}/stat");

    private static string CommandLineOf(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ""; // the process ended meanwhile
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DanVan.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("DanVan.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
