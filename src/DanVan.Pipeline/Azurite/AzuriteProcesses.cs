using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DanVan.Pipeline.Azurite;

/// <summary>Finding, probing and killing Azurite processes by pid, including ones another process started.</summary>
internal static class AzuriteProcesses
{
    /// <summary>The recorded process still runs (same pid and start time, not a zombie) and is node running Azurite.</summary>
    public static bool IsAlive(AzuriteState state)
    {
        try
        {
            using var process = Process.GetProcessById(state.Pid);
            if (process.HasExited || IsZombie(state.Pid))
            {
                return false;
            }
            // Pids are reused: a different start time is a different process.
            if (Math.Abs((process.StartTime.ToUniversalTime() - state.ProcessStartUtc).TotalSeconds) > 2)
            {
                return false;
            }
            return OperatingSystem.IsLinux()
                ? CommandLine(state.Pid).Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal))
                : process.ProcessName.Contains("node", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static async Task<bool> PortsAnswerAsync((int Blob, int Queue, int Table) ports, CancellationToken cancellationToken)
    {
        foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table })
        {
            if (!await AnswersAsync(port, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    public static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the process and waits until it is gone, so its ports and files are free. SIGTERM first: Azurite keeps
    /// its metadata in memory and saves it every few seconds, so a SIGKILL loses the last writes (a blob written
    /// just before would be missing after a restart). The whole tree is killed when it does not exit in 10 s.
    /// </summary>
    public static void Stop(int pid)
    {
        if (!OperatingSystem.IsWindows() && Signal(pid, SigTerm) == 0 && WaitGone(pid, TimeSpan.FromSeconds(10)))
        {
            return;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        WaitGone(pid, TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits until the pid is gone or a zombie (an orphan's parent may never reap it).</summary>
    private static bool WaitGone(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited || IsZombie(pid))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return true;
            }
            Thread.Sleep(50);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>
    /// Azurite processes serving <paramref name="folder"/> (its <c>--location</c>), whatever started them, e.g. a
    /// version of the launcher without the state file. Linux only (it reads /proc); elsewhere none are found.
    /// </summary>
    public static IReadOnlyList<int> ServingFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || IsZombie(pid))
            {
                continue;
            }
            var args = CommandLine(pid);
            var location = args.IndexOf("--location");
            if (location >= 0 && location + 1 < args.Count && args.Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal))
                && string.Equals(Path.GetFullPath(args[location + 1]).TrimEnd('/'), folder.TrimEnd('/'), StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    private static List<string> CommandLine(int pid)
    {
        try
        {
            return [.. File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>A killed process whose parent has not reaped it (no init in a container) still has a pid.</summary>
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ...": the state follows the last parenthesis, since comm may hold any character.
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
