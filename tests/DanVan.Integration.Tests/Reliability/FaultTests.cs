using System.Diagnostics;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Integration.Tests.Reliability.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>
/// Faults from outside: storage gone for 20 seconds in the middle of a burst and of a consolidation, and the
/// self-host killed with SIGKILL mid-burst and started again on the same storage. After recovery every upload
/// has its answer, no unit has half a version, and the workbook is that of an undisturbed run.
/// </summary>
[Collection(SelfHostCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class FaultTests
{
    private static byte[] Good(string unit, PeriodKey period, long seed) => Reports.Filled(unit, period, Reports.AllNumbers(seed));

    [Fact]
    public async Task Storage_stopped_for_20_seconds_mid_burst_and_mid_consolidation_loses_nothing()
    {
        var period = PeriodKey.ForQuarter(2042, 2);
        await using var h = await ReliabilityHost.StartAsync(period);
        var units = ReliabilityHost.UnitsOf(period).Select(u => u.Code).Take(60).ToList();
        var files = units.Select((u, i) => (Unit: u, Bytes: Good(u, period, 10 + i))).ToList();
        var expectedTotal = units.Select((_, i) => 10L + i).Sum();

        var sent = new PendingUpload[files.Count];
        var burst = Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            sent[i] = await h.UploadAsync(files[i].Unit, files[i].Bytes);
            await Task.Delay(100);
        });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await h.Azurite.StopAsync();
        // A consolidation started during the outage fails; nothing it half-wrote may survive as "latest".
        var during = await Record.ExceptionAsync(() => h.Get<ConsolidationService>().ConsolidateAsync(period, CancellationToken.None));
        Assert.NotNull(during);
        await Task.Delay(TimeSpan.FromSeconds(20));
        await h.Azurite.RestartAsync();
        var recovery = Stopwatch.StartNew();
        await burst;
        var answers = await h.AnswersAsync(sent, TimeSpan.FromMinutes(3));
        var recovered = recovery.Elapsed;

        Assert.All(answers, a => Assert.True(a.State.IsAccepted(), a.MessageVi));
        Assert.Equal(files.Count, answers.Select(a => a.Submission.Id).Distinct().Count());
        foreach (var unit in units)
        {
            Assert.Equal([1], await h.VersionsAsync(unit));
        }
        Assert.Empty(await h.UnfinishedAsync());
        await Eventually.GetAsync<object>(async () => await h.ProvinceValueAsync(period, "LD_VANBAN") == expectedTotal ? new object() : null,
            TimeSpan.FromMinutes(1), "the consolidation to catch up after the outage");
        // latest.xlsx shows the newest version, and that version is the data's: a fresh run changes nothing.
        await Eventually.GetAsync<object>(async () => (await h.Get<ConsolidationService>().ConsolidateAsync(period, CancellationToken.None)).Changed ? null : new object(),
            TimeSpan.FromMinutes(1), "an unchanged consolidation");
        var (latest, _) = await h.Get<PublicationStore>().LatestAsync(period, CancellationToken.None);
        Assert.True(latest > 0);
        // The process stayed up: the portal answers.
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(h.Host.Url)).StatusCode);

        ReliabilityLog.Record("Storage stopped 20 s mid-burst and mid-consolidation", sent.Length, answers.Count, sent.Length - answers.Count,
            await h.DuplicatedVersionsAsync(), 1, recovered.TotalSeconds,
            $"Azurite stopped (SIGTERM) and restarted on the same ports; the process and portal stayed up, the triggers restarted {h.Host.TriggerRestarts} time(s)");
    }

    [Fact]
    public async Task The_self_host_killed_with_SIGKILL_mid_burst_and_restarted_finishes_every_upload_once()
    {
        await using var azurite = await AzuriteLauncher.StartAsync();
        // Out of process, the self-host checks with the real clock: the quarter open today.
        var period = ReportingCalendar.Default.QuarterOf(DateTimeOffset.UtcNow);
        var environment = ReliabilityHost.FastRecovery.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        await using var serve = await SelfHostProcess.StartAsync(new SelfHostOptions { Storage = azurite.ConnectionString, Environment = environment });

        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddDanVanPipeline(azurite.ConnectionString).BuildServiceProvider();
        await using var _ = services;
        var uploads = services.GetRequiredService<UploadService>();
        var units = ReliabilityHost.UnitsOf(period).Select(u => u.Code).ToList();
        var count = Math.Min(120, units.Count + 30);
        var files = Enumerable.Range(0, count).Select(i => (Unit: units[i % units.Count], Bytes: Good(units[i % units.Count], period, 100 + i))).ToList();

        var sent = new List<PendingUpload>();
        SelfHostProcess restarted;
        double peak;
        for (var i = 0; i < files.Count; i++)
        {
            if (i == files.Count / 3)
            {
                // Let some be mid-ingestion, then kill: no shutdown code runs.
                await Task.Delay(300);
                peak = serve.PeakMemoryMb;
                serve.KillHard();
            }
            // One unit's files in order, as clerks send corrections one after another.
            sent.Add(await uploads.UploadAsync(files[i].Unit, period, "bao-cao.xlsx", new BinaryData(files[i].Bytes), CancellationToken.None));
        }
        var recovery = Stopwatch.StartNew();
        restarted = await serve.StartAgainAsync();
        await using var __ = restarted;
        var answers = new List<UploadAnswer>();
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        foreach (var upload in sent)
        {
            var answer = await uploads.WaitForAnswerAsync(upload, until - DateTime.UtcNow, null, CancellationToken.None);
            Assert.True(answer is not null, $"{upload.BlobName} has no answer 3 minutes after the restart.\n{restarted.Output}");
            answers.Add(answer!);
        }
        var recovered = recovery.Elapsed;
        peak = restarted.PeakMemoryMb;

        Assert.All(answers, a => Assert.True(a.State.IsAccepted(), a.MessageVi));
        Assert.Equal(sent.Count, answers.Select(a => a.Submission.Id).Distinct().Count());
        var storage = services.GetRequiredService<DanVanStorage>();
        var versions = new Dictionary<string, List<int>>();
        await foreach (var e in storage.Table(StorageNames.Values).QueryAsync<Azure.Data.Tables.TableEntity>(x => x.PartitionKey == period.ToString()))
        {
            var unit = e.GetString("UnitCode")!;
            versions.TryAdd(unit, []);
            versions[unit].Add(e.GetInt32("Version") ?? 0);
        }
        foreach (var group in files.GroupBy(f => f.Unit))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()), versions[group.Key].Order());
        }
        var duplicated = versions.Values.Sum(v => v.Count) - answers.Count;
        Assert.Equal(0, duplicated);
        ReliabilityLog.Record("Self-host killed (SIGKILL) mid-burst, restarted", sent.Count, answers.Count, sent.Count - answers.Count, duplicated, 1,
            recovered.TotalSeconds, $"{files.Count / 3} sent before the kill, the rest while it was down; claims of the killed process run out (5 s here, 60 s by default) and reconciliation takes them over", peak);
    }
}
