using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Core.Tests.Corpus;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Integration.Tests.Reliability.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>
/// Issue 10 through the running self-host: every hostile workbook (and the whole broken-file corpus) uploaded as a
/// clerk would, several at once, each answered with a clear rejection within a minute, the process up throughout
/// and its peak memory under a stated bound; a file that has stopped two workers ends rejected without being read.
/// </summary>
[Collection(SelfHostCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class HostileUploadTests
{
    private const string Unit = "21211";

    /// <summary>
    /// The test process (self-host, triggers, portal; Azurite is another process) may reach this at its peak while
    /// reading the whole corpus 8 at a time. Before the package inspection one 5 MB styles bomb alone took it past 1.4 GB.
    /// The process also runs the other test collections in parallel (621–704 MB seen in CI with the .xls reader and
    /// the HTTP-function tests added), so the bound catches a bomb, not the neighbours; `danvan serve` alone is held
    /// to <see cref="ServePeakMemoryBoundMb"/> below (219 MB measured).
    /// </summary>
    private const double PeakMemoryBoundMb = 900;

    [Fact]
    public async Task Every_hostile_workbook_is_rejected_within_a_minute_and_the_self_host_stays_up_with_bounded_memory()
    {
        var period = PeriodKey.ForQuarter(2043, 1);
        ResetPeakMemory();
        await using var h = await ReliabilityHost.StartAsync(period);
        var cases = HostileFiles.All().Select(c => (c.Name, Bytes: c.Make(), Code: c.Limits is null && ProblemCodes.Unopenable.Contains(c.ExpectedCode) ? c.ExpectedCode : null)).ToList();
        // Over the size limit (10 MB), twice: refused, archived once.
        var oversize = new byte[11 * 1024 * 1024];
        new Random(10).NextBytes(oversize);
        cases.Add(("file over 10 MB (first)", oversize, ProblemCodes.TooLarge));
        cases.Add(("file over 10 MB (again, as another upload)", oversize, null));

        var slowest = TimeSpan.Zero;
        var rejected = 0;
        foreach (var batch in cases.Chunk(8))
        {
            var watch = Stopwatch.StartNew();
            var uploads = await Task.WhenAll(batch.Select((c, i) => h.UploadAsync(Unit, c.Bytes, $"hostile-{i}.xlsx")));
            var answers = await h.AnswersAsync(uploads, TimeSpan.FromMinutes(1));
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            for (var i = 0; i < batch.Length; i++)
            {
                var (name, _, code) = batch[i];
                var answer = answers[i];
                Assert.True(answer.State == SubmissionOutcome.Rejected, $"{name}: {answer.State} {answer.MessageVi}");
                if (!answer.Duplicate)
                {
                    Assert.NotEmpty(answer.Submission.Problems);
                    Assert.All(answer.Submission.Problems, p => Assert.InRange(p.Message.Length, 10, 2_000));
                    if (code is not null)
                    {
                        Assert.True(answer.Submission.Problems.Any(p => p.Code == code), $"{name}: {string.Join(", ", answer.Submission.Problems.Select(p => p.Code))}");
                    }
                }
                rejected++;
            }
        }

        // The portal still answers: the process was never brought down.
        using (var http = new HttpClient { BaseAddress = new Uri(h.Host.Url) })
        {
            Assert.True((await http.GetAsync("/")).IsSuccessStatusCode);
        }
        // Reports for quarters far ahead, through their own paths: refused, not counted.
        foreach (var future in new[] { PeriodKey.ForQuarter(2100, 1) })
        {
            var upload = await h.Get<UploadService>().UploadAsync(Unit, future, "tuong-lai.xlsx", new BinaryData(Reports.Filled(Unit, future, Reports.AllNumbers(5))), CancellationToken.None);
            var answer = (await h.AnswersAsync([upload], TimeSpan.FromMinutes(1)))[0];
            Assert.Equal(SubmissionOutcome.Rejected, answer.State);
            Assert.Contains(answer.Submission.Problems, p => p.Code == ProblemCodes.PeriodNotStarted);
            rejected++;
        }
        var oversizeArchived = 0;
        await foreach (var _ in h.Get<DanVanStorage>().Container(StorageNames.Archive).GetBlobsAsync(BlobTraits.None, BlobStates.None, "oversize/", CancellationToken.None))
        {
            oversizeArchived++;
        }
        Assert.Equal(1, oversizeArchived);
        Assert.Empty(await h.UnfinishedAsync());
        Assert.Empty(await h.PointersAsync());

        var peak = PeakMemoryMb();
        Assert.True(peak < PeakMemoryBoundMb, $"peak memory {peak:0} MB, bound {PeakMemoryBoundMb:0} MB");
        ReliabilityLog.Record("Hostile workbooks through the self-host", cases.Count + 1, rejected, cases.Count + 1 - rejected, await h.DuplicatedVersionsAsync(), 0, slowest.TotalSeconds,
            $"{cases.Count + 1} hostile kinds tried (issue 10 and the broken-file corpus), {rejected} rejected, each batch of 8 answered within {slowest.TotalSeconds:0} s; oversize archived once; process restarts 0; bound {PeakMemoryBoundMb:0} MB",
            Math.Round(peak));
    }

    /// <summary>`danvan serve` alone in its process: its own VmHWM while it reads every hostile kind, 8 at a time.</summary>
    private const double ServePeakMemoryBoundMb = 600;

    [Fact]
    public async Task Danvan_serve_out_of_process_rejects_every_hostile_kind_stays_up_and_peaks_under_its_bound()
    {
        await using var azurite = await AzuriteLauncher.StartAsync();
        // Out of process, the self-host checks with the real clock: the quarter open today.
        var period = ReportingCalendar.Default.QuarterOf(DateTimeOffset.UtcNow);
        var environment = ReliabilityHost.FastRecovery.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        await using var serve = await SelfHostProcess.StartAsync(new SelfHostOptions { Storage = azurite.ConnectionString, Environment = environment });
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddDanVanPipeline(azurite.ConnectionString).BuildServiceProvider();
        await using var _ = services;
        var uploads = services.GetRequiredService<UploadService>();
        var files = HostileFiles.Structural().Select(c => c.Make()).ToList();
        var big = new byte[11 * 1024 * 1024];
        new Random(11).NextBytes(big);
        files.Add(big);

        var slowest = TimeSpan.Zero;
        var rejected = 0;
        foreach (var batch in files.Chunk(8))
        {
            var watch = Stopwatch.StartNew();
            var sent = await Task.WhenAll(batch.Select((b, i) => uploads.UploadAsync(Unit, period, $"hostile-{i}.xlsx", new BinaryData(b), CancellationToken.None)));
            foreach (var upload in sent)
            {
                var answer = await uploads.WaitForAnswerAsync(upload, TimeSpan.FromMinutes(1) - watch.Elapsed, null, CancellationToken.None);
                Assert.True(answer is not null, $"{upload.BlobName} has no answer within a minute.\n{serve.Output}");
                Assert.True(answer!.State == SubmissionOutcome.Rejected, $"{upload.BlobName}: {answer.State} {answer.MessageVi}");
                rejected++;
            }
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.False(serve.HasExited, serve.Output);
        }
        var peak = serve.PeakMemoryMb;

        Assert.False(serve.HasExited, serve.Output);
        Assert.True(peak < ServePeakMemoryBoundMb, $"danvan serve peaked at {peak:0} MB, bound {ServePeakMemoryBoundMb:0} MB");
        ReliabilityLog.Record("Hostile workbooks, danvan serve out of process", files.Count, rejected, files.Count - rejected, 0, 0, slowest.TotalSeconds,
            $"{files.Count} hostile kinds of issue 10 (and a file over 10 MB), {rejected} rejected, each batch of 8 answered within {slowest.TotalSeconds:0} s; process up throughout, restarts 0; peak = serve's VmHWM, bound {ServePeakMemoryBoundMb:0} MB",
            Math.Round(peak));
    }

    [Fact]
    public async Task A_file_that_stopped_two_workers_is_rejected_as_hostile_without_being_read_again()
    {
        var period = PeriodKey.ForQuarter(2043, 2);
        await using var h = await ReliabilityHost.StartAsync(period);
        // A valid report: if it were read, it would be accepted.
        var bytes = Reports.Filled(Unit, period, Reports.AllNumbers(7));
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blobName = UploadPath.For(Unit, period, "20430101000000000-poison-bao-cao.xlsx");
        var submissions = h.Get<SubmissionStore>();
        var now = DateTimeOffset.UtcNow;

        // What two workers that died on this file leave behind: the first claimed it, the second took the expired
        // claim over (one crash counted) and died in turn; its claim has run out too.
        var (row, _) = await submissions.AddOrGetAsync(new SubmissionRow(period.ToString(), SubmissionStore.IdFor(Unit, hash), Unit, "poison-bao-cao.xlsx", blobName, hash, now)
        {
            ClaimedBy = "dead-worker-1",
            ClaimedUntilUtc = now.AddMinutes(-2),
            Attempts = 1,
        }, CancellationToken.None);
        var second = await submissions.TryClaimAsync(row, "dead-worker-2", now.AddMinutes(-1), crashed: true, CancellationToken.None);
        Assert.Equal(1, second!.Crashes);

        var storage = h.Get<DanVanStorage>();
        await storage.Container(StorageNames.Uploads).GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true);
        await storage.Queue(StorageNames.IngestQueue).SendMessageAsync(blobName);
        var answer = (await h.AnswersAsync([new PendingUpload(period, row.Id, blobName)], TimeSpan.FromMinutes(1)))[0];

        Assert.Equal(SubmissionOutcome.Rejected, answer.State);
        var problem = Assert.Single(answer.Submission.Problems);
        Assert.Equal(ProblemCodes.HostileStructure, problem.Code);
        Assert.StartsWith("Tệp có cấu trúc bất thường", problem.Message, StringComparison.Ordinal);
        var final = await submissions.FindAsync(period.ToString(), row.Id, CancellationToken.None);
        Assert.Equal(2, final!.Crashes);
        // Nothing of it stored as the unit's report.
        Assert.Empty(await h.VersionsAsync(Unit));
        Assert.Empty(await h.PointersAsync());
        ReliabilityLog.Record("File that stopped two workers", 1, 1, 0, 0, 2, null,
            "rejected as hostile on the third delivery without being parsed; no version stored; process restarts 0");
    }

    [Fact]
    public async Task The_portal_refuses_templates_for_quarters_not_started_and_oversize_uploads_before_reading_them()
    {
        var period = PeriodKey.ForQuarter(2043, 3);
        await using var h = await ReliabilityHost.StartAsync(period);
        var (_, secret) = await h.Get<AccessKeyStore>().IssueAsync(AccessRole.Agency, Unit, "Xã Tịnh Khê", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(h.Host.Url) };
        // A script's way in: the key in the header (the portal's pages use a sign-in cookie).
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, secret);

        // The host's clock is two days before 2043-Q3's deadline: 2043-Q3 has a template, 2100-Q1 has none yet.
        var open = await http.GetAsync($"/bieu-mau/{period}");
        Assert.True(open.IsSuccessStatusCode, open.StatusCode.ToString());
        var future = await http.GetAsync("/bieu-mau/2100-Q1");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("Chưa đến kỳ báo cáo", System.Net.WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // 11 MB declared: refused by its Content-Length before the body is read, nothing stored.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(period.ToString()), "period" },
            { new ByteArrayContent(new byte[11 * 1024 * 1024]), "file", "to.xlsx" },
        };
        var tooLarge = await http.PostAsync("/gui-bao-cao", form);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Tệp quá lớn", System.Net.WebUtility.HtmlDecode(await tooLarge.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = 0;
        await foreach (var _ in h.Get<DanVanStorage>().Container(StorageNames.Uploads).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            stored++;
        }
        Assert.Equal(0, stored);
    }

    /// <summary>Resets the process's peak resident memory (Linux: "5" to clear_refs), so VmHWM is this test's.</summary>
    private static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then includes what ran before in this process.
        }
    }

    private static double PeakMemoryMb()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return 0;
        }
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
