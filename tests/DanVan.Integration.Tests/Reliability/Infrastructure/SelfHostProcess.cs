using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DanVan.Integration.Tests.Reliability.Infrastructure;

/// <summary>How to run `danvan serve` as a child process.</summary>
public sealed record SelfHostOptions
{
    /// <summary>The storage connection string (`--storage`); null lets `serve` start Azurite in `.azurite` under the repository it finds from <see cref="WorkingDirectory"/>.</summary>
    public string? Storage { get; init; }

    /// <summary>Extra environment variables, e.g. <c>DanVan__PendingSchedule</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The child's working directory; null is the test assembly's folder.</summary>
    public string? WorkingDirectory { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// `danvan serve --port 0` out of process (the built danvan.dll beside the test assembly), so a test can kill it
/// for real: <see cref="KillHard"/> is SIGKILL, nothing in the host runs after it. Captures stdout and stderr for
/// diagnostics and samples the peak resident memory (VmHWM) while it runs.
/// </summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    private const string UrlPrefix = "Cổng thông tin DanVan: ";
    private const int MaxLines = 20_000;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private long _peakKb;
    private bool _disposed;

    private SelfHostProcess(SelfHostOptions options, Process process)
    {
        Options = options;
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine("out", e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine("err", e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = SampleMemoryAsync(_sampling.Token);
    }

    public SelfHostOptions Options { get; }

    public int Pid => _process.Id;

    /// <summary>The portal's address, ending with '/'.</summary>
    public Uri Url { get; private set; } = null!;

    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>Highest resident memory of the serve process seen so far (VmHWM, Linux), in MiB; 0 elsewhere.</summary>
    public double PeakMemoryMb
    {
        get
        {
            SampleMemory();
            return Interlocked.Read(ref _peakKb) / 1024.0;
        }
    }

    /// <summary>Everything the process wrote so far (the last 20,000 lines), stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static async Task<SelfHostProcess> StartAsync(SelfHostOptions options, CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "danvan.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("danvan.dll is not beside the test assembly; does the test project still reference DanVan.Host?", dll);
        }
        var psi = new ProcessStartInfo(DotNet())
        {
            WorkingDirectory = options.WorkingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "serve", "--port", "0" })
        {
            psi.ArgumentList.Add(a);
        }
        if (options.Storage is not null)
        {
            psi.ArgumentList.Add("--storage");
            psi.ArgumentList.Add(options.Storage);
        }
        // The child decides its storage from its arguments only, not from whatever the test run inherited.
        psi.Environment.Remove("DANVAN_STORAGE");
        foreach (var (k, v) in options.Environment)
        {
            psi.Environment[k] = v;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start danvan serve.");
        var host = new SelfHostProcess(options, process);
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var timeout = Task.Delay(options.StartTimeout, cancellationToken);
            var first = await Task.WhenAny(host._url.Task, exited, timeout);
            if (first != host._url.Task)
            {
                throw new InvalidOperationException(
                    (first == exited ? $"danvan serve exited with code {process.ExitCode} before printing its address." : $"danvan serve printed no address within {options.StartTimeout.TotalSeconds:0} s.")
                    + "\n" + host.Output);
            }
            host.Url = new Uri(await host._url.Task);
            return host;
        }
        catch
        {
            await host.KillTreeAsync();
            host.Dispose();
            throw;
        }
    }

    /// <summary>Starts another `serve` with the same options (same storage), e.g. after <see cref="KillHard"/>.</summary>
    public Task<SelfHostProcess> StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            throw new InvalidOperationException("This serve process still runs; kill or stop it first.");
        }
        return StartAsync(Options, cancellationToken);
    }

    /// <summary>SIGKILL of the serve process only, like `kill -9`: an Azurite it started keeps running, orphaned.</summary>
    public void KillHard()
    {
        SampleMemory();
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.WaitForExit();
    }

    /// <summary>SIGTERM (a graceful stop), then SIGKILL of the whole tree when it has not exited within <paramref name="grace"/>.</summary>
    /// <returns>True when it stopped on its own.</returns>
    public async Task<bool> StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return true;
        }
        SampleMemory();
        if (!OperatingSystem.IsWindows() && Signal(_process.Id, 15) == 0)
        {
            using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                // Falls through to the hard way.
            }
        }
        await KillTreeAsync();
        return false;
    }

    public int ExitCode => _process.ExitCode;

    private async Task KillTreeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        await _process.WaitForExitAsync();
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Enqueue(stream == "err" ? "[err] " + line : line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
        var at = line.IndexOf(UrlPrefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            _url.TrySetResult(line[(at + UrlPrefix.Length)..].Trim());
        }
    }

    private async Task SampleMemoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && !_process.HasExited)
            {
                SampleMemory();
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the process or the harness.
        }
    }

    private void SampleMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            // VmHWM is the kernel's own high-water mark of resident memory: no peak between samples is missed.
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                long seen;
                while (kb > (seen = Interlocked.Read(ref _peakKb)) && Interlocked.CompareExchange(ref _peakKb, kb, seen) != seen)
                {
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is gone: the last sample stands.
        }
    }

    private static string DotNet()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var self = System.Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private void Dispose()
    {
        _disposed = true;
        _sampling.Cancel();
        _process.Dispose();
        _sampling.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        if (!_process.HasExited)
        {
            await StopAsync();
        }
        _sampling.Cancel();
        await _sampler;
        Dispose();
    }
}
