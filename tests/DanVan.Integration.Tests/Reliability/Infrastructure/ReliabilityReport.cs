using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DanVan.Integration.Tests.Reliability.Infrastructure;

/// <summary>One reliability case's outcome, one row of docs/reliability.md.</summary>
public sealed record ReliabilityRow(
    string Case,
    int UploadsSent,
    int Ingested,
    int Lost,
    int Duplicated,
    int FaultsSurvived,
    double? RecoverySeconds,
    double? PeakMemoryMb,
    string Notes = "")
{
    /// <summary>When the row was recorded (UTC); set by <see cref="ReliabilityReport.Record"/>.</summary>
    public DateTimeOffset RecordedUtc { get; init; }

    /// <summary>What it ran on; set by <see cref="ReliabilityReport.Record"/>.</summary>
    public string Machine { get; init; } = "";
}

/// <summary>
/// Writes docs/reliability.md from docs/reliability.json, the rows of every reliability case ever recorded.
/// Each <see cref="Record"/> replaces that case's row and rewrites both files at once, so rows from any test
/// class (any collection, even another test process) end up in one page, a case re-run replaces its own row
/// only, and an aborted run keeps what it measured. A cross-process lock file serialises writers.
/// </summary>
public static class ReliabilityReport
{
    public const string Command = "dotnet test tests/DanVan.Integration.Tests --filter \"Category=Reliability\"";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Records a case's row (replacing its previous one) and rewrites the page.</summary>
    public static void Record(ReliabilityRow row) => Record(row, Path.Combine(RepositoryRoot(), "docs"));

    /// <summary>As <see cref="Record(ReliabilityRow)"/>, into <paramref name="docsFolder"/>.</summary>
    public static void Record(ReliabilityRow row, string docsFolder)
    {
        row = row with { RecordedUtc = DateTimeOffset.UtcNow, Machine = DescribeMachine() };
        Gate.Wait();
        try
        {
            Directory.CreateDirectory(docsFolder);
            using var fileLock = Lock(docsFolder);
            var jsonPath = Path.Combine(docsFolder, "reliability.json");
            var rows = Read(jsonPath).Where(r => r.Case != row.Case).Append(row).OrderBy(r => r.Case, StringComparer.Ordinal).ToList();
            WriteAtomically(jsonPath, JsonSerializer.Serialize(rows, Json) + "\n");
            WriteAtomically(Path.Combine(docsFolder, "reliability.md"), Render(rows));
        }
        finally
        {
            Gate.Release();
        }
    }

    public static IReadOnlyList<ReliabilityRow> Read(string jsonPath)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ReliabilityRow>>(File.ReadAllText(jsonPath), Json) ?? [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    public static string Render(IReadOnlyList<ReliabilityRow> rows)
    {
        var md = new StringBuilder();
        md.Append("# Reliability\n\n");
        md.Append("Every upload ingested exactly once, through the running self-host (its WebJobs triggers and portal over\n");
        md.Append("its own Azurite; `danvan serve` as a child process where it is killed): bursts, storage faults, killed hosts\n");
        md.Append("and hostile files. Written by the reliability tests (`tests/DanVan.Integration.Tests/Reliability/`), never by\n");
        md.Append("hand; each case replaces its own row when it runs again. \"duplicated\" counts versions stored twice for one\n");
        md.Append("submission; \"time to recover\" runs from the end of the fault (restart) until every upload has its answer.\n\n");
        md.Append("## Command\n\n```sh\n").Append(Command).Append("\n```\n\n");
        var latest = rows.Count == 0 ? (DateTimeOffset?)null : rows.Max(r => r.RecordedUtc);
        md.Append("## Machine\n\n");
        foreach (var machine in rows.Select(r => r.Machine).Distinct(StringComparer.Ordinal))
        {
            md.Append("- ").Append(machine).Append('\n');
        }
        if (latest is not null)
        {
            md.Append("\nLast updated ").Append(latest.Value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(".\n");
        }
        md.Append("\n## Results\n\n");
        md.Append("| case | uploads sent | ingested | lost | duplicated | faults survived | time to recover (s) | peak memory (MB) | date | notes |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(r.Case)} | {r.UploadsSent} | {r.Ingested} | {r.Lost} | {r.Duplicated} | {r.FaultsSurvived} | {Number(r.RecoverySeconds)} | {Number(r.PeakMemoryMb, "0")} | {r.RecordedUtc:yyyy-MM-dd} | {Cell(r.Notes)} |\n");
        }
        return md.ToString();
    }

    /// <summary>The folder holding DanVan.Functions.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DanVan.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("DanVan.Functions.sln was not found above " + AppContext.BaseDirectory);
    }

    public static string DescribeMachine()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadFirst("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memoryMiB = long.TryParse(memKb, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memoryMiB:N0} MiB memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    private static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static FileStream Lock(string docsFolder)
    {
        // In the temp folder, not docs/, and never deleted: deleting a lock file lets two writers lock two files.
        var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(docsFolder))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"danvan-reliability-{id}.lock");
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
