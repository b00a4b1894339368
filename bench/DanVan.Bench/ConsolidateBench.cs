using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;
using DanVan.Core.Publish;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Storage;

namespace DanVan.Bench;

/// <summary>
/// Issue #5: for each size, a fresh Azurite is seeded (not measured), then a child process runs one
/// ConsolidationService.ConsolidateAsync and reports wall time and its peak working set. The largest
/// workbook is reopened with ClosedXML and converted with LibreOffice when soffice exists.
/// </summary>
public sealed record YearResult(int Units, int SeededReports, double SeedSeconds, ConsolidationRun Year, ConsolidationRun QuarterWithComparisons);

public sealed class ConsolidateBench(bool quick, TextWriter log)
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SofficeTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Issue #15: a year at national scale. One Azurite seeded with eight quarters (2026 and 2027) of
    /// <paramref name="units"/> units, then the year period consolidated, then its last quarter with comparisons.
    /// </summary>
    public async Task<YearResult> RunYearAsync(int units, CancellationToken ct)
    {
        await using var azurite = await AzuriteLauncher.StartAsync(logger: AzuriteLog.Logger, cancellationToken: ct);
        var storage = new DanVanStorage(azurite.ConnectionString);
        var registry = Variant.Year.Registry(units);
        var seed = Stopwatch.StartNew();
        var seeded = 0;
        foreach (var quarter in Variant.YearHistory)
        {
            seeded += await Seeder.SeedAsync(storage, registry, quarter, 0.95, ct);
        }
        seed.Stop();
        log.WriteLine($"year: N={units}: seeded {seeded} reports over {Variant.YearHistory.Count} quarters in {seed.Elapsed.TotalSeconds:F1} s");
        var year = await RunChildAsync(Variant.Year, units, azurite.ConnectionString, ct) with { SeedSeconds = Stats.Round(seed.Elapsed.TotalSeconds) };
        log.WriteLine($"year: {year.Period} N={units}: {year.Seconds:F1} s, peak working set {year.PeakWorkingSetMiB} MiB, stages {JsonSerializer.Serialize(year.StageSeconds)}");
        var quarterRun = await RunChildAsync(Variant.YearQuarter, units, azurite.ConnectionString, ct);
        log.WriteLine($"year: {quarterRun.Period} with comparisons N={units}: {quarterRun.Seconds:F1} s, peak working set {quarterRun.PeakWorkingSetMiB} MiB, stages {JsonSerializer.Serialize(quarterRun.StageSeconds)}");
        return new YearResult(units, seeded, Stats.Round(seed.Elapsed.TotalSeconds), year, quarterRun);
    }

    public async Task<IReadOnlyList<ConsolidationRun>> RunAsync(CancellationToken ct)
    {
        // The curve: cost per unit from 1,000 to 13,000 (after the merger), then 13,000 with districts.
        int[] sizes = quick ? [100, 1_000] : [1_000, 4_000, 8_000, 13_000];
        var largest = sizes[^1];
        var plan = sizes.Select(n => (Variant.After, n)).Append((Variant.Before, largest)).ToList();
        var runs = new List<ConsolidationRun>();
        foreach (var (variant, units) in plan)
        {
            runs.Add(await RunOneAsync(variant, units, units == largest, ct));
        }
        return runs;
    }

    private async Task<ConsolidationRun> RunOneAsync(Variant variant, int units, bool checkWorkbook, CancellationToken ct)
    {
        await using var azurite = await AzuriteLauncher.StartAsync(logger: AzuriteLog.Logger, cancellationToken: ct);
        var storage = new DanVanStorage(azurite.ConnectionString);
        var seed = Stopwatch.StartNew();
        var seeded = await Seeder.SeedAsync(storage, variant.Registry(units), variant.Period, 0.95, ct);
        seed.Stop();
        log.WriteLine($"consolidate: {variant.Name} N={units}: seeded {seeded} reports in {seed.Elapsed.TotalSeconds:F1} s");

        var run = await RunChildAsync(variant, units, azurite.ConnectionString, ct) with { SeedSeconds = Stats.Round(seed.Elapsed.TotalSeconds) };
        var blob = await storage.Container(StorageNames.Published).GetBlobClient(run.LatestBlob).DownloadContentAsync(ct);
        var bytes = blob.Value.Content.ToArray();
        run = run with { WorkbookBytes = bytes.Length };
        log.WriteLine($"consolidate: {variant.Name} N={units}: {run.Seconds:F1} s, peak working set {run.PeakWorkingSetMiB} MiB, " +
            $"{run.Received}/{run.Expected} received, workbook {bytes.Length / 1024} KiB, stages {JsonSerializer.Serialize(run.StageSeconds)}");
        if (checkWorkbook)
        {
            var dir = Path.Combine(Path.GetTempPath(), "danvan-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var file = Path.Combine(dir, $"tong-hop-{variant.Name}-{units}.xlsx");
                await File.WriteAllBytesAsync(file, bytes, ct);
                run = run with { ReopenCheck = Reopen(file), LibreOffice = await ConvertAsync(file, dir, ct) };
                log.WriteLine($"consolidate: reopen: {run.ReopenCheck}; LibreOffice: {run.LibreOffice}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return run;
    }

    private static async Task<ConsolidationRun> RunChildAsync(Variant variant, int units, string connectionString, CancellationToken ct)
    {
        var (program, prefix) = SelfLaunch();
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat([ConsolidateOne.Verb, "--units", units.ToString(CultureInfo.InvariantCulture), "--variant", variant.Name, "--storage", connectionString]))
        {
            psi.ArgumentList.Add(a);
        }
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the child process.");
        var stdout = child.StandardOutput.ReadToEndAsync(ct);
        var stderr = child.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ChildTimeout);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"consolidate-one N={units} did not finish within {ChildTimeout.TotalMinutes} minutes.");
        }
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(ConsolidateOne.ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"consolidate-one N={units} failed (exit {child.ExitCode}): {await stderr}");
        }
        return JsonSerializer.Deserialize<ConsolidationRun>(line[ConsolidateOne.ResultPrefix.Length..])!;
    }

    /// <summary>This program again: the apphost directly, or "dotnet DanVan.Bench.dll".</summary>
    private static (string Program, string[] Prefix) SelfLaunch()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, [typeof(ConsolidateBench).Assembly.Location])
            : (path, []);
    }

    private static string Reopen(string file)
    {
        var sw = Stopwatch.StartNew();
        using var wb = new XLWorkbook(file);
        var names = wb.Worksheets.Select(w => w.Name).ToArray();
        var expected = SummaryWorkbook.SheetNames;
        var ok = expected.All(n => names.Contains(n, StringComparer.Ordinal));
        var rows = wb.Worksheets.Sum(w => w.LastRowUsed()?.RowNumber() ?? 0);
        return $"{(ok ? "ok" : "MISSING SHEETS")}: ClosedXML reopened it in {sw.Elapsed.TotalSeconds:F1} s; sheets [{string.Join(", ", names)}]; {rows} rows used";
    }

    private static async Task<string> ConvertAsync(string file, string dir, CancellationToken ct)
    {
        const string soffice = "/usr/bin/soffice";
        if (!File.Exists(soffice))
        {
            return "skipped: soffice not found";
        }
        var outDir = Path.Combine(dir, "converted");
        Directory.CreateDirectory(outDir);
        var psi = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A private profile so a desktop LibreOffice or another run cannot block this one.
        foreach (var a in new[] { "-env:UserInstallation=file://" + Path.Combine(dir, "lo-profile"), "--headless", "--convert-to", "xlsx", "--outdir", outDir, file })
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start soffice.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SofficeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return $"FAILED: killed after {SofficeTimeout.TotalMinutes} minutes";
        }
        var output = Path.Combine(outDir, Path.GetFileName(file));
        var seconds = sw.Elapsed.TotalSeconds;
        if (!File.Exists(output) || new FileInfo(output).Length == 0)
        {
            return $"FAILED after {seconds:F1} s (exit {process.ExitCode}, no output): {(await stdout + await stderr).Trim()}";
        }
        return $"ok: soffice --convert-to xlsx in {seconds:F1} s, output {new FileInfo(output).Length / 1024} KiB";
    }
}
