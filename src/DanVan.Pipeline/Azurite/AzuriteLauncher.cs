using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DanVan.Pipeline.Azurite;

/// <summary>
/// Starts Azurite (pinned in tools/azurite) on free loopback ports with its own data folder, waits until it
/// answers, and stops it when the last user lets go. Installs it with <c>npm ci</c> when missing. Used by the
/// self-host and the tests alike; an explicit connection string means none of this runs.
/// <para>
/// One Azurite per data folder, ever. The folder holds <c>danvan-azurite.json</c> (pid, process start time,
/// ports) and two lock files (<see cref="AzuriteFolderLocks"/>). Starting on a folder whose Azurite still runs
/// and answers joins it instead of starting a second one; one whose process is gone is started afresh, on the
/// same ports when they are free. A launcher that joins an Azurite it did not start adopts it: whichever user
/// lets go last stops it. So after a <c>kill -9</c> of <c>danvan serve</c>, the next <c>serve</c> takes over
/// the orphan, and its own Ctrl+C stops it — nothing is left running that nobody owns.
/// </para>
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    // The emulator's documented, public development account; not a secret.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string LogFile = "danvan-azurite.log";

    private readonly string _toolDir;
    private readonly string _entry;
    private readonly bool _ownsFolder;
    private readonly ILogger _logger;
    private FileStream? _use;
    private int _pid;

    private AzuriteLauncher(string toolDir, string entry, string folder, bool ownsFolder, AzuriteState state, bool reused, FileStream use, ILogger logger)
    {
        _toolDir = toolDir;
        _entry = entry;
        DataFolder = folder;
        _ownsFolder = ownsFolder;
        (BlobPort, QueuePort, TablePort) = state.Ports;
        _pid = state.Pid;
        Reused = reused;
        _use = use;
        _logger = logger;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
                           $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccount};QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccount};TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccount};";
    }

    public string ConnectionString { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The full path of the data folder.</summary>
    public string DataFolder { get; }

    /// <summary>True when this launcher joined an Azurite that was already serving the folder.</summary>
    public bool Reused { get; }

    /// <summary>The pid of the node process serving the folder, as recorded (a restart by any user changes it).</summary>
    public int ProcessId => AzuriteState.Read(DataFolder)?.Pid ?? _pid;

    /// <summary>
    /// Starts Azurite, or joins the one already serving <paramref name="dataFolder"/>. Null means a fresh
    /// temporary folder, removed when the last user lets go.
    /// </summary>
    public static async Task<AzuriteLauncher> StartAsync(string? dataFolder = null, ILogger? logger = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var toolDir = FindToolDirectory();
        var entry = Path.Combine(toolDir, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            progress?.Report("Đang cài đặt Azurite (lần đầu, khoảng 30 giây)…");
            await InstallAsync(toolDir, entry, logger, cancellationToken);
        }

        var owned = dataFolder is null;
        var folder = Path.GetFullPath(dataFolder ?? Path.Combine(Path.GetTempPath(), "danvan-azurite-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder);

        await using var gate = await AzuriteFolderLocks.EnterGateAsync(folder, cancellationToken);
        var state = AzuriteState.Read(folder);
        var reused = state is not null && AzuriteProcesses.IsAlive(state) && await AzuriteProcesses.PortsAnswerAsync(state.Ports, cancellationToken);
        if (reused)
        {
            logger.LogInformation("Azurite pid {Pid} already serves {Folder} on blob port {BlobPort}; joining it", state!.Pid, folder, state.BlobPort);
            progress?.Report("Azurite đã chạy sẵn cho thư mục dữ liệu này; dùng lại.");
        }
        else
        {
            // Whatever serves the folder without answering (hung, or started without a state file) goes first.
            StopAllServing(folder, logger);
            var ports = state is not null && PortsFree(state.Ports) ? state.Ports : FreePorts();
            state = await LaunchAsync(toolDir, entry, folder, ports, logger, cancellationToken)
                    ?? await LaunchAsync(toolDir, entry, folder, FreePorts(), logger, cancellationToken) // a port taken between probing and binding
                    ?? throw new InvalidOperationException($"Azurite did not start listening within 60 seconds. {LogTail(folder)}");
            state.Write(folder);
        }
        // Never two: anything else serving this folder (e.g. a stray from an older launcher) is stopped.
        foreach (var stray in AzuriteProcesses.ServingFolder(folder).Where(pid => pid != state.Pid))
        {
            logger.LogWarning("Stopping a second Azurite (pid {Pid}) on {Folder}", stray, folder);
            AzuriteProcesses.Stop(stray);
        }
        return new AzuriteLauncher(toolDir, entry, folder, owned, state, reused, AzuriteFolderLocks.HoldUse(folder), logger);
    }

    /// <summary>
    /// Stops the folder's Azurite for everyone using it (SIGTERM, so it saves its data, then its whole process
    /// tree if it lingers); its data and ports stay recorded for <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_use is null, this);
        await using var gate = await AzuriteFolderLocks.EnterGateAsync(DataFolder, cancellationToken);
        StopAllServing(DataFolder, _logger);
        _logger.LogInformation("Azurite on {Folder} stopped", DataFolder);
    }

    /// <summary>
    /// Starts the folder's Azurite again on the same ports (stopping it first if it runs), so clients keep their
    /// connection string. Waits up to 30 seconds for a port some other socket still holds.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_use is null, this);
        await using var gate = await AzuriteFolderLocks.EnterGateAsync(DataFolder, cancellationToken);
        StopAllServing(DataFolder, _logger);
        var ports = (BlobPort, QueuePort, TablePort);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!PortsFree(ports))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite cannot restart: a port of {BlobPort}, {QueuePort}, {TablePort} is taken.");
            }
            await Task.Delay(250, cancellationToken);
        }
        var state = await LaunchAsync(_toolDir, _entry, DataFolder, ports, _logger, cancellationToken)
                    ?? throw new InvalidOperationException($"Azurite did not start listening again within 60 seconds. {LogTail(DataFolder)}");
        state.Write(DataFolder);
        _pid = state.Pid;
    }

    private static void StopAllServing(string folder, ILogger logger)
    {
        var state = AzuriteState.Read(folder);
        if (state is not null && AzuriteProcesses.IsAlive(state))
        {
            AzuriteProcesses.Stop(state.Pid);
        }
        foreach (var pid in AzuriteProcesses.ServingFolder(folder))
        {
            logger.LogWarning("Stopping Azurite pid {Pid} on {Folder}", pid, folder);
            AzuriteProcesses.Stop(pid);
        }
    }

    /// <summary>Starts node on the given ports; null when it does not listen (a port taken meanwhile).</summary>
    private static async Task<AzuriteState?> LaunchAsync(string toolDir, string entry, string folder, (int Blob, int Queue, int Table) ports, ILogger logger, CancellationToken cancellationToken)
    {
        string[] azurite =
        [
            entry, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", folder,
            // Loopback only: the emulator's account key is public.
            "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(CultureInfo.InvariantCulture),
        ];
        ProcessStartInfo psi;
        if (OperatingSystem.IsWindows())
        {
            psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in azurite)
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            // Output to a file in the folder, not a pipe to this process: Azurite outlives a killed launcher, and
            // node dies writing to a broken pipe. `exec` keeps one pid for the state file.
            psi = new ProcessStartInfo("/bin/sh");
            foreach (var a in new[] { "-c", "exec \"$@\" >\"$0\" 2>&1", Path.Combine(folder, LogFile), "node" }.Concat(azurite))
            {
                psi.ArgumentList.Add(a);
            }
        }
        psi.WorkingDirectory = toolDir;
        psi.UseShellExecute = false;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        if (OperatingSystem.IsWindows())
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) logger.LogDebug("azurite: {Line}", e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logger.LogWarning("azurite: {Line}", e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        var state = new AzuriteState(process.Id, process.StartTime.ToUniversalTime(), ports.Blob, ports.Queue, ports.Table, DateTime.UtcNow, Environment.ProcessId);
        if (await WaitUntilListeningAsync(process, ports, cancellationToken))
        {
            logger.LogInformation("Azurite pid {Pid} started on blob port {BlobPort}, queue {QueuePort}, table {TablePort}, data in {Folder}", process.Id, ports.Blob, ports.Queue, ports.Table, folder);
            return state;
        }
        AzuriteProcesses.Stop(process.Id);
        logger.LogWarning("Azurite did not listen on {BlobPort}, {QueuePort}, {TablePort}. {Log}", ports.Blob, ports.Queue, ports.Table, LogTail(folder));
        return null;
    }

    private static async Task<bool> WaitUntilListeningAsync(Process process, (int Blob, int Queue, int Table) ports, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }
            if (await AzuriteProcesses.PortsAnswerAsync(ports, cancellationToken))
            {
                return true;
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    private static string LogTail(string folder)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(folder, LogFile));
            return "Azurite said: " + string.Join(" | ", lines.TakeLast(10));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static async Task InstallAsync(string toolDir, string entry, ILogger logger, CancellationToken cancellationToken)
    {
        // Several test processes may start at once: one installs, the others wait on the lock file.
        var lockPath = Path.Combine(toolDir, ".install.lock");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                await using var gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (File.Exists(entry))
                {
                    return;
                }
                logger.LogInformation("Installing Azurite with npm ci in {Folder}", toolDir);
                var psi = new ProcessStartInfo("npm")
                {
                    WorkingDirectory = toolDir,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var a in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
                {
                    psi.ArgumentList.Add(a);
                }
                using var npm = Process.Start(psi) ?? throw new InvalidOperationException("Could not start npm. Is Node.js 20+ installed?");
                var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
                await npm.StandardOutput.ReadToEndAsync(cancellationToken);
                await npm.WaitForExitAsync(cancellationToken);
                if (npm.ExitCode != 0 || !File.Exists(entry))
                {
                    throw new InvalidOperationException($"npm ci for Azurite failed (exit {npm.ExitCode}): {await stderr}");
                }
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    /// <summary>tools/azurite, found upwards from the working directory or the program's folder.</summary>
    public static string FindToolDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "azurite", "package.json");
                if (File.Exists(candidate))
                {
                    return Path.GetDirectoryName(candidate)!;
                }
            }
        }
        throw new DirectoryNotFoundException("tools/azurite/package.json was not found above the working directory; run from the DanVan repository or give a connection string.");
    }

    private static (int Blob, int Queue, int Table) FreePorts()
    {
        var taken = new HashSet<int>();
        return (FreePort(taken), FreePort(taken), FreePort(taken));
    }

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range where it can: while Azurite is stopped for a fault
    /// test, the clients' own retries take ephemeral ports, and one of them could land on Azurite's.
    /// </summary>
    private static int FreePort(HashSet<int> taken)
    {
        var ephemeralLow = 32768;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                ephemeralLow = int.Parse(range[0], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Keep the usual default.
            }
        }
        const int low = 20000;
        for (var attempt = 0; attempt < 50 && ephemeralLow > low + 1000; attempt++)
        {
            var port = Random.Shared.Next(low, ephemeralLow);
            if (taken.Add(port) && PortFree(port))
            {
                return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var any = ((IPEndPoint)listener.LocalEndpoint).Port;
        taken.Add(any);
        return any;
    }

    private static bool PortsFree((int Blob, int Queue, int Table) ports) => PortFree(ports.Blob) && PortFree(ports.Queue) && PortFree(ports.Table);

    private static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Lets go of the folder's Azurite; the last user stops it (and removes a temporary folder).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_use is null)
        {
            return;
        }
        try
        {
            await using var gate = await AzuriteFolderLocks.EnterGateAsync(DataFolder, CancellationToken.None);
            await _use.DisposeAsync();
            _use = null;
            if (!AzuriteFolderLocks.NoOneUses(DataFolder))
            {
                _logger.LogInformation("Azurite on {Folder} stays up: another launcher still uses it", DataFolder);
                return;
            }
            StopAllServing(DataFolder, _logger);
            AzuriteState.Delete(DataFolder);
        }
        finally
        {
            if (_use is not null)
            {
                await _use.DisposeAsync();
                _use = null;
            }
        }
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }
}
