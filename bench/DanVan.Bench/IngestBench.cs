using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Bench;

/// <summary>
/// Issue #4: one standard report ingested end to end with <see cref="IngestService"/> against Azurite, beside
/// the floor (bare in-memory read; one 37-entity transaction) and the typical Azure-sample way (ClosedXML
/// load, named ranges, one upsert per value).
/// </summary>
public sealed class IngestBench(string connectionString, bool quick, TextWriter log)
{
    private const string FileName = "bao-cao.xlsx";

    private int Warmup => quick ? 5 : 30;

    private int Sequential => quick ? 30 : 200;

    private int ConcurrentTotal => quick ? 40 : 400;

    private int FloorRuns => quick ? 30 : 200;

    private int Replicas => Sequential / 2;

    public async Task<IngestResult> RunAsync(CancellationToken ct)
    {
        var period = PeriodKey.ForQuarter(2025, 3);
        var calendar = ReportingCalendar.Default;
        var rp = calendar.Get(period);
        var catalogue = CatalogueSet.Default.For(period);
        var needed = Warmup + Sequential + 2 * ConcurrentTotal + Replicas;
        var registry = SyntheticRegistry.AfterMerger((int)(needed * 1.05) + 10);
        var communes = registry.All.Where(u => u.Level == UnitLevel.Xa).Take(needed).ToArray();
        // Inside the period's window, before the deadline: the period is open.
        var now = rp.DeadlineUtc.AddDays(-2);
        var clock = new FakeTimeProvider(now);
        await using var provider = BenchServices.Build(connectionString, registry, clock);
        var storage = provider.GetRequiredService<DanVanStorage>();
        var ingest = provider.GetRequiredService<IngestService>();
        await storage.EnsureCreatedAsync(ct);

        var gen = Stopwatch.StartNew();
        var files = ReportFiles.ManyFilled(communes, rp, catalogue, registry);
        log.WriteLine($"ingest: {files.Length} filled templates ({files[0].Length / 1024.0:F1} KiB each) written in {gen.Elapsed.TotalSeconds:F1} s");
        var uploads = storage.Container(StorageNames.Uploads);
        var names = communes.Select(u => UploadPath.For(u.Code, period, FileName)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, c) => await uploads.GetBlobClient(names[i]).UploadAsync(new BinaryData(files[i]), overwrite: true, c));

        var next = 0;
        string[] Take(int count)
        {
            var slice = names[next..(next + count)];
            next += count;
            return slice;
        }

        foreach (var name in Take(Warmup))
        {
            await IngestOneAsync(ingest, name, ct);
        }
        // The profile replica runs interleaved with the measured ingests, so both see the same warm state and load.
        var replica = new IngestReplica(provider, clock);
        var stepSamples = new List<double[]>();
        var replicaNames = Take(Replicas);
        var sequential = new List<double>();
        var sequentialNames = Take(Sequential);
        for (var i = 0; i < sequentialNames.Length; i++)
        {
            sequential.Add(await IngestOneAsync(ingest, sequentialNames[i], ct));
            if (i % 2 == 1 && i / 2 < replicaNames.Length)
            {
                stepSamples.Add(await replica.RunAsync(replicaNames[i / 2], ct));
            }
        }
        var seq = new Stats(sequential);
        log.WriteLine($"ingest: sequential n={seq.Count} p50={seq.P50:F1} ms p95={seq.P95:F1} ms");

        var concurrent = new List<ConcurrencyResult>();
        foreach (var degree in new[] { 8, 16 })
        {
            var batch = Take(ConcurrentTotal);
            var latencies = new double[batch.Length];
            var wall = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = ct },
                async (i, c) => latencies[i] = await IngestOneAsync(ingest, batch[i], c));
            wall.Stop();
            var stats = new Stats(latencies);
            var rate = batch.Length / wall.Elapsed.TotalSeconds;
            concurrent.Add(new ConcurrencyResult(degree, batch.Length, Stats.Round(wall.Elapsed.TotalSeconds), Stats.Round(rate), stats.Summary()));
            log.WriteLine($"ingest: concurrency {degree}: {batch.Length} reports in {wall.Elapsed.TotalSeconds:F1} s = {rate:F1} reports/s (p50 {stats.P50:F0} ms, p95 {stats.P95:F0} ms)");
        }

        var sample = files[0];
        var sampleUnit = communes[0];
        var context = new CheckContext(sampleUnit.Code, period, now, registry, calendar, CatalogueSet.Default, new IngestLimits());
        var floorRead = Repeat(FloorRuns, () => ReportChecker.Check(new MemoryStream(sample, writable: false), FileName, context));
        await storage.Tables.GetTableClient("BenchFloor").CreateIfNotExistsAsync(ct);
        var floorTable = await RepeatAsync(FloorRuns, i => OneTransactionAsync(storage, i, ct));
        var typicalTable = storage.Tables.GetTableClient("BenchTypical");
        await typicalTable.CreateIfNotExistsAsync(ct);
        var typicalCount = 0;
        var typical = await RepeatAsync(FloorRuns, async i => typicalCount = await TypicalAsync(typicalTable, sample, sampleUnit.Code, i, ct));

        var profile = await ProfileAsync(storage, sample, context, ct);
        var steps = IngestReplica.Steps.Select((step, i) =>
        {
            var s = new Stats(stepSamples.Select(m => m[i]));
            return new StepTime(step, Stats.Round(s.P50), Stats.Round(s.Mean));
        }).ToList();
        var replicaTotal = new Stats(stepSamples.Select(m => m.Sum()));
        foreach (var st in steps)
        {
            log.WriteLine($"ingest step: {st.Step,-32} p50 {st.P50Ms,7:F1} ms  mean {st.MeanMs,7:F1} ms");
        }
        log.WriteLine($"ingest step: {"total (replica)",-32} p50 {replicaTotal.P50,7:F1} ms  mean {replicaTotal.Mean,7:F1} ms");

        var floorP50 = floorRead.P50 + floorTable.P50;
        // The promise "nothing is lost" puts the archive write in the minimum too: the floor with it.
        var floorWithArchive = floorP50 + profile.ArchiveUploadMs;
        log.WriteLine($"ingest: floor {floorP50:F1} ms (read + one transaction), {floorWithArchive:F1} ms with the archive write; ours p50 {seq.P50:F1} ms = " +
            $"{seq.P50 / floorP50:F1}× / {seq.P50 / floorWithArchive:F1}× the floors; typical {typical.P50:F1} ms = {typical.P50 / seq.P50:F2}× ours");
        return new IngestResult(
            files.Length, files[0].Length, catalogue.Inputs.Count(),
            seq.Summary(), concurrent,
            floorRead.Summary(), floorTable.Summary(), Stats.Round(floorP50),
            typical.Summary(), typicalCount,
            Math.Round(seq.P50 / floorP50, 2), Math.Round(typical.P50 / seq.P50, 2),
            profile, steps, replicaTotal.Summary())
        {
            FloorWithArchiveP50Ms = Stats.Round(floorWithArchive),
            OursOverFloorWithArchive = Math.Round(seq.P50 / floorWithArchive, 2),
        };
    }

    private static async Task<double> IngestOneAsync(IngestService ingest, string name, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var outcome = await ingest.IngestAsync(name, ct);
        sw.Stop();
        if (outcome.State != SubmissionOutcome.Accepted || outcome.AlreadyReceived)
        {
            throw new InvalidOperationException($"{name} ended {outcome.State} (already received: {outcome.AlreadyReceived}): {outcome.MessageVi}");
        }
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>Floor (b): one table transaction of 37 entities, the size of one report's values.</summary>
    private static async Task OneTransactionAsync(DanVanStorage storage, int run, CancellationToken ct)
    {
        var table = storage.Tables.GetTableClient("BenchFloor");
        var partition = "run" + run.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var actions = Enumerable.Range(0, 37)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, "V" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = (long)i }))
            .ToList();
        await table.SubmitTransactionAsync(actions, ct);
    }

    /// <summary>The typical Azure-sample way: ClosedXML loads the whole workbook, values by named range, one upsert each.</summary>
    private static async Task<int> TypicalAsync(TableClient table, byte[] file, string unit, int run, CancellationToken ct)
    {
        using var wb = new XLWorkbook(new MemoryStream(file, writable: false));
        var partition = unit + "-" + run.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var count = 0;
        // One call per catalogue indicator whose named cell the workbook has (the 34 inputs; ratios have none).
        foreach (var indicator in CatalogueSet.Default.For(PeriodKey.ForQuarter(2025, 3)).Indicators)
        {
            if (!wb.NamedRanges.TryGetValue(TemplateNames.ForIndicator(indicator.Code), out var named))
            {
                continue;
            }
            var cell = named.Ranges.First().FirstCell();
            var entity = new TableEntity(partition, indicator.Code) { ["Value"] = cell.GetString() };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Where the time goes: the compute steps of IngestAsync on the same file in memory, and the round-trip
    /// cost of the storage calls it makes (4 blob calls, 9 table calls per accepted report).
    /// </summary>
    private async Task<IngestProfile> ProfileAsync(DanVanStorage storage, byte[] sample, CheckContext context, CancellationToken ct)
    {
        var result = ReportChecker.Check(new MemoryStream(sample, writable: false), FileName, context);
        var feedbackBytes = 0;
        var hash = Repeat(FloorRuns, () => SHA256.HashData(sample));
        var check = Repeat(FloorRuns, () => ReportChecker.Check(new MemoryStream(sample, writable: false), FileName, context));
        var feedback = Repeat(FloorRuns, () =>
        {
            using var output = new MemoryStream();
            FeedbackWorkbook.Write(FileName, result, context, output);
            feedbackBytes = (int)output.Length;
        });
        var container = storage.Container(StorageNames.Archive);
        var blobName = "bench/profile.xlsx";
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(sample), overwrite: true, ct);
        var blobProps = await RepeatAsync(FloorRuns, async _ => await container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: ct));
        var blobDownload = await RepeatAsync(FloorRuns, async _ => await container.GetBlobClient(blobName).DownloadContentAsync(ct));
        var feedbackSized = new byte[feedbackBytes];
        Random.Shared.NextBytes(feedbackSized);
        var blobUpload = await RepeatAsync(FloorRuns, async i =>
            await container.GetBlobClient($"bench/feedback-{i}.xlsx").UploadAsync(new BinaryData(feedbackSized), overwrite: true, ct));
        var archiveUpload = await RepeatAsync(FloorRuns, async i =>
            await container.GetBlobClient($"bench/archive-{i}.xlsx").UploadAsync(new BinaryData(sample), overwrite: true, ct));
        var table = storage.Tables.GetTableClient("BenchProfile");
        await table.CreateIfNotExistsAsync(ct);
        var tableOp = await RepeatAsync(FloorRuns, async i =>
            await table.UpsertEntityAsync(new TableEntity("p", "r" + i) { ["State"] = "accepted", ["Version"] = 1, ["SummaryVi"] = "Đã tiếp nhận." }, TableUpdateMode.Replace, ct));

        var estimated = hash.P50 + check.P50 + feedback.P50 + blobProps.P50 + blobDownload.P50 + archiveUpload.P50 + blobUpload.P50 + 9 * tableOp.P50;
        log.WriteLine($"ingest profile (p50 ms): sha256 {hash.P50:F2}, check {check.P50:F1}, feedback workbook {feedback.P50:F1}, " +
            $"blob props {blobProps.P50:F1}, blob download {blobDownload.P50:F1}, archive upload {archiveUpload.P50:F1}, feedback upload {blobUpload.P50:F1}, table op {tableOp.P50:F1}; estimated total {estimated:F0}");
        return new IngestProfile(Stats.Round(hash.P50), Stats.Round(check.P50), Stats.Round(feedback.P50), feedbackBytes,
            Stats.Round(blobProps.P50), Stats.Round(blobDownload.P50), Stats.Round(archiveUpload.P50), Stats.Round(blobUpload.P50), Stats.Round(tableOp.P50), Stats.Round(estimated));
    }

    private static Stats Repeat(int runs, Action action)
    {
        for (var i = 0; i < Math.Min(10, runs); i++)
        {
            action();
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        return new Stats(samples);
    }

    private static async Task<Stats> RepeatAsync(int runs, Func<int, Task> action)
    {
        var warm = Math.Min(10, runs);
        for (var i = 0; i < warm; i++)
        {
            await action(runs + i);
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action(i);
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        return new Stats(samples);
    }
}

public sealed record ConcurrencyResult(int Concurrency, int Reports, double WallSeconds, double ReportsPerSecond, StatsSummary Latency);

public sealed record IngestProfile(
    double Sha256Ms, double CheckMs, double FeedbackWorkbookMs, int FeedbackBytes,
    double BlobPropertiesMs, double BlobDownloadMs, double ArchiveUploadMs, double FeedbackUploadMs, double TableOpMs, double EstimatedTotalMs);

public sealed record IngestResult(
    int Files, int FileBytes, int InputValues,
    StatsSummary Sequential, IReadOnlyList<ConcurrencyResult> Concurrent,
    StatsSummary FloorRead, StatsSummary FloorTransaction37, double FloorP50Ms,
    StatsSummary Typical, int TypicalUpserts,
    double OursOverFloor, double TypicalOverOurs,
    IngestProfile Profile, IReadOnlyList<StepTime> Steps, StatsSummary ReplicaTotal)
{
    /// <summary>The floor plus the archive write (p50 of one upload of the same file).</summary>
    public double FloorWithArchiveP50Ms { get; init; }

    public double OursOverFloorWithArchive { get; init; }
}
