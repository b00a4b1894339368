using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Integration.Tests.Reliability.Infrastructure;
using DanVan.Pipeline.Azurite;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>
/// What the reliability cases stand on: one Azurite per data folder (joined, adopted after a kill, never
/// doubled), an Azurite that stops and comes back on the same ports with its data, `danvan serve` as a real
/// child process that can be killed, and the report page.
/// </summary>
[Collection(SelfHostCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class InfrastructureTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("danvan-reliability-").FullName;

    [Fact]
    public async Task A_second_start_on_the_same_folder_joins_the_running_Azurite_and_the_last_user_stops_it()
    {
        var folder = Path.Combine(_scratch, "data");
        var first = await AzuriteLauncher.StartAsync(folder);
        int blobPort;
        await using (var second = await AzuriteLauncher.StartAsync(folder))
        {
            Assert.False(first.Reused);
            Assert.True(second.Reused);
            Assert.Equal(first.ConnectionString, second.ConnectionString);
            Assert.Equal(first.ProcessId, second.ProcessId);
            Assert.Single(AzuritesServing(folder));
            blobPort = second.BlobPort;

            // The one that started it lets go first: the other still uses it, so it stays up.
            await first.DisposeAsync();
            await new BlobServiceClient(second.ConnectionString).GetBlobContainerClient("still-up").CreateAsync();
        }

        Assert.Empty(AzuritesServing(folder));
        Assert.False(await Answers(blobPort));
    }

    [SkippableFact]
    public async Task After_serve_is_killed_hard_the_next_serve_adopts_its_orphaned_Azurite_instead_of_starting_a_second()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Counts Azurite processes through /proc.");
        // A repository of its own (tools/azurite linked to the real one): `serve` keeps Azurite in <repo>/.azurite.
        var repo = Path.Combine(_scratch, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "tools"));
        Directory.CreateSymbolicLink(Path.Combine(repo, "tools", "azurite"), AzuriteLauncher.FindToolDirectory());
        var folder = Path.Combine(repo, ".azurite");
        try
        {
            var first = await SelfHostProcess.StartAsync(new SelfHostOptions { WorkingDirectory = repo });
            var orphan = Assert.Single(AzuritesServing(folder));
            first.KillHard();
            await first.DisposeAsync();
            Assert.Equal([orphan], AzuritesServing(folder));

            await using var second = await first.StartAgainAsync();

            Assert.Equal([orphan], AzuritesServing(folder));
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(second.Url)).StatusCode);

            // SIGTERM is a graceful stop, and the adopter, the last user, stops the adopted Azurite.
            Assert.True(await second.StopAsync(), second.Output);
            Assert.Empty(AzuritesServing(folder));
        }
        finally
        {
            // Joining and letting go as the last user stops whatever still serves the folder.
            await (await AzuriteLauncher.StartAsync(folder)).DisposeAsync();
        }
        Assert.Empty(AzuritesServing(folder));
    }

    [Fact]
    public async Task An_Azurite_that_died_is_started_afresh_on_its_recorded_ports()
    {
        var folder = Path.Combine(_scratch, "data");
        await using var first = await AzuriteLauncher.StartAsync(folder);
        var dead = first.ProcessId;
        using (var process = System.Diagnostics.Process.GetProcessById(dead))
        {
            // A crash: SIGKILL (Azurite then loses its last few seconds of metadata, so no data is checked here).
            process.Kill();
            process.WaitForExit();
        }

        await using var second = await AzuriteLauncher.StartAsync(folder);

        Assert.False(second.Reused);
        Assert.NotEqual(dead, second.ProcessId);
        Assert.Equal(first.ConnectionString, second.ConnectionString);
        await new BlobServiceClient(first.ConnectionString).GetBlobContainerClient("after-crash").CreateAsync();
    }

    [Fact]
    public async Task Stop_and_restart_keep_the_ports_and_the_data()
    {
        await using var azurite = await AzuriteLauncher.StartAsync(Path.Combine(_scratch, "data"));
        var blob = Blob(azurite.ConnectionString);
        await blob.UploadAsync(BinaryData.FromString("dữ liệu"));
        var before = azurite.ProcessId;

        await azurite.StopAsync();
        Assert.False(await Answers(azurite.BlobPort));
        Assert.False(await Answers(azurite.TablePort));

        await azurite.RestartAsync();

        Assert.NotEqual(before, azurite.ProcessId);
        Assert.Equal("dữ liệu", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [SkippableFact]
    public async Task Azurite_listens_on_the_loopback_address_only()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads the listening sockets from /proc/net.");
        await using var azurite = await AzuriteLauncher.StartAsync();

        foreach (var port in new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort })
        {
            var listening = ListeningAddresses(port);
            Assert.Equal(["0100007F"], listening);
        }
    }

    [Fact]
    public async Task Serve_runs_out_of_process_against_a_launched_Azurite_and_comes_back_after_a_hard_kill()
    {
        await using var azurite = await AzuriteLauncher.StartAsync();
        using var http = new HttpClient();
        var host = await SelfHostProcess.StartAsync(new SelfHostOptions { Storage = azurite.ConnectionString });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(host.Url)).StatusCode);
        Assert.True(host.PeakMemoryMb > 10, $"peak {host.PeakMemoryMb} MB");
        var url = host.Url;

        host.KillHard();

        Assert.True(host.HasExited);
        Assert.False(await Answers(url.Port));
        Assert.Contains("Cổng thông tin DanVan", host.Output, StringComparison.Ordinal);
        await using var again = await host.StartAgainAsync();
        await host.DisposeAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(again.Url)).StatusCode);
    }

    [Fact]
    public void A_case_recorded_again_replaces_its_own_row_and_keeps_the_others()
    {
        var docs = Path.Combine(_scratch, "docs");
        ReliabilityReport.Record(new ReliabilityRow("burst", 100, 100, 0, 0, 0, null, 250.4, "first"), docs);
        ReliabilityReport.Record(new ReliabilityRow("kill", 50, 49, 1, 0, 2, 12.5, 300, "a | b"), docs);
        ReliabilityReport.Record(new ReliabilityRow("burst", 200, 200, 0, 0, 0, null, 260, "second"), docs);

        var rows = ReliabilityReport.Read(Path.Combine(docs, "reliability.json"));
        Assert.Equal(["burst", "kill"], rows.Select(r => r.Case));
        Assert.Equal(200, rows[0].UploadsSent);
        var page = File.ReadAllText(Path.Combine(docs, "reliability.md"));
        Assert.Contains("| burst | 200 | 200 | 0 | 0 | 0 | – | 260 |", page, StringComparison.Ordinal);
        Assert.Contains("| kill | 50 | 49 | 1 | 0 | 2 | 12.5 | 300 |", page, StringComparison.Ordinal);
        Assert.Contains("a \\| b", page, StringComparison.Ordinal);
        Assert.DoesNotContain("first", page, StringComparison.Ordinal);
        Assert.Contains(ReliabilityReport.Command, page, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} cores", page, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static BlobClient Blob(string connectionString)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("reliability");
        container.CreateIfNotExists();
        return container.GetBlobClient("probe.txt");
    }

    private static async Task<bool> Answers(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Pids of node processes running Azurite with <c>--location</c> <paramref name="folder"/>.</summary>
    private static List<int> AzuritesServing(string folder)
    {
        var pids = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return pids;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var at = Array.IndexOf(args, "--location");
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                var zombie = state[(state.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && at >= 0 && args.Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal)) && Path.GetFullPath(args[at + 1]) == Path.GetFullPath(folder))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return pids;
    }

    /// <summary>Local addresses (hex, as /proc/net shows them) of sockets listening on <paramref name="port"/>.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[3] == "0A" && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
            .Select(f => f[1][..f[1].IndexOf(':', StringComparison.Ordinal)])];
    }
}
