using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DanVan.Pipeline.Azurite;

/// <summary>
/// Starts Azurite (pinned in tools/azurite) on free loopback ports with its own data folder, waits until
/// it answers, and stops it on dispose. Installs it with <c>npm ci</c> when missing. Used by the self-host
/// and the tests alike; an explicit connection string means none of this runs.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    // The emulator's documented, public development account; not a secret.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string? _ownedDataFolder;

    private AzuriteLauncher(Process process, string connectionString, int blobPort, string? ownedDataFolder)
    {
        _process = process;
        ConnectionString = connectionString;
        BlobPort = blobPort;
        _ownedDataFolder = ownedDataFolder;
    }

    public string ConnectionString { get; }

    public int BlobPort { get; }

    /// <summary>Starts Azurite. <paramref name="dataFolder"/> null means a fresh temporary folder, removed on dispose.</summary>
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
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "danvan-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var psi = new ProcessStartInfo("node")
            {
                WorkingDirectory = toolDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                entry, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", folder,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                psi.ArgumentList.Add(a);
            }
            var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) logger.LogDebug("azurite: {Line}", e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logger.LogWarning("azurite: {Line}", e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            if (await WaitUntilListeningAsync(process, [blob, queue, table], cancellationToken))
            {
                var cs = $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
                         $"BlobEndpoint=http://127.0.0.1:{blob}/{DevAccount};QueueEndpoint=http://127.0.0.1:{queue}/{DevAccount};TableEndpoint=http://127.0.0.1:{table}/{DevAccount};";
                logger.LogInformation("Azurite started on blob port {BlobPort}, queue {QueuePort}, table {TablePort}, data in {Folder}", blob, queue, table, folder);
                return new AzuriteLauncher(process, cs, blob, owned ? folder : null);
            }
            Kill(process);
            // A port taken between probing and binding: try other ports a few times.
            if (attempt >= 3)
            {
                throw new InvalidOperationException("Azurite did not start listening within 60 seconds.");
            }
        }
    }

    private static async Task<bool> WaitUntilListeningAsync(Process process, int[] ports, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                return false;
            }
            var all = true;
            foreach (var port in ports)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                }
                catch (SocketException)
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return true;
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        if (_ownedDataFolder is not null)
        {
            try
            {
                Directory.Delete(_ownedDataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
        return ValueTask.CompletedTask;
    }
}
