using System.Diagnostics;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Reliability;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>
/// Every upload ingested exactly once in effect, through the running self-host: bursts, one unit's racing
/// uploads, the same bytes twice, re-deliveries, and a crash between every two steps.
/// </summary>
[Collection(SelfHostCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class ExactlyOnceTests
{
    private const string TinhKhe = "21211";

    /// <summary>CI runs 500 uploads; DANVAN_RELIABILITY_FULL=1 runs the full 2,000.</summary>
    private static int BurstSize => Environment.GetEnvironmentVariable("DANVAN_RELIABILITY_FULL") == "1" ? 2000 : 500;

    private static byte[] Good(string unit, PeriodKey period, long seed) => Reports.Filled(unit, period, Reports.AllNumbers(seed));

    private static byte[] Bad(string unit, PeriodKey period, long seed)
    {
        var values = Reports.AllNumbers(seed);
        values["TD_LANHDAO"] = seed + 1_000; // more leaders than sessions: refused
        return Reports.Filled(unit, period, values);
    }

    [Fact]
    public async Task A_burst_of_uploads_with_duplicates_corrections_and_bad_files_ends_with_every_answer_right()
    {
        var period = PeriodKey.ForQuarter(2041, 1);
        await using var h = await ReliabilityHost.StartAsync(period);
        var units = ReliabilityHost.UnitsOf(period).Select(u => u.Code).ToList();
        var waves = Math.Max(2, (int)Math.Ceiling(BurstSize * 0.75 / units.Count));
        var rng = new Random(15);

        // Each wave: every unit one good file (the first, then corrections), some exact duplicates racing their
        // originals, some bad files. Waves follow each other so "the last good upload" is well defined.
        var expectedCurrent = new Dictionary<string, long>(StringComparer.Ordinal);
        var sent = new List<(PendingUpload Upload, string Kind, string Unit, long Seed)>();
        var stopwatch = Stopwatch.StartNew();
        for (var wave = 1; wave <= waves && sent.Count < BurstSize; wave++)
        {
            var files = new List<(string Unit, byte[] Bytes, string Kind, long Seed)>();
            foreach (var unit in units)
            {
                if (sent.Count + files.Count >= BurstSize)
                {
                    break;
                }
                var seed = wave * 1000 + units.IndexOf(unit);
                var good = Good(unit, period, seed);
                files.Add((unit, good, wave == 1 ? "first" : "correction", seed));
                expectedCurrent[unit] = seed;
                if (rng.NextDouble() < 0.2)
                {
                    files.Add((unit, good, "duplicate", seed));
                }
                if (rng.NextDouble() < 0.13)
                {
                    files.Add((unit, Bad(unit, period, seed), "bad", seed));
                }
            }
            var uploads = new PendingUpload[files.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                uploads[i] = await h.UploadAsync(files[i].Unit, files[i].Bytes));
            sent.AddRange(files.Select((f, i) => (uploads[i], f.Kind, f.Unit, f.Seed)));
            await h.AnswersAsync(uploads, TimeSpan.FromMinutes(5));
        }
        var answers = await h.AnswersAsync(sent.Select(s => s.Upload).ToList(), TimeSpan.FromMinutes(1));
        var elapsed = stopwatch.Elapsed;

        for (var i = 0; i < sent.Count; i++)
        {
            var (upload, kind, unit, _) = sent[i];
            var answer = answers[i];
            switch (kind)
            {
                case "bad":
                    Assert.Equal(SubmissionOutcome.Rejected, answer.State);
                    Assert.False(answer.Duplicate);
                    break;
                case "duplicate":
                    // Raced its original: whichever blob was ingested first is the submission, the other repeats it.
                    Assert.True(answer.State.IsAccepted(), $"{upload.BlobName}: {answer.MessageVi}");
                    break;
                default:
                    Assert.True(answer.State.IsAccepted(), $"{upload.BlobName}: {answer.MessageVi}");
                    break;
            }
        }
        // Exactly one of each pair of identical files is the submission; the other is answered "already received".
        foreach (var group in sent.Select((s, i) => (s, a: answers[i])).Where(x => x.s.Kind != "bad").GroupBy(x => x.a.Submission.Id))
        {
            Assert.Single(group, x => !x.a.Duplicate);
            Assert.All(group.Where(x => x.a.Duplicate), x => Assert.Contains("đã được tiếp nhận trước đó", x.a.MessageVi));
        }

        var pointers = await h.PointersAsync();
        var goodPerUnit = sent.Where(s => s.Kind is "first" or "correction").GroupBy(s => s.Unit).ToDictionary(g => g.Key, g => g.Count());
        foreach (var unit in expectedCurrent.Keys)
        {
            var (version, submission) = pointers[unit];
            Assert.Equal(goodPerUnit[unit], version);
            Assert.Equal(Enumerable.Range(1, version), await h.VersionsAsync(unit));
            var last = sent.Select((s, i) => (s, a: answers[i])).Last(x => x.s.Unit == unit && x.s.Kind is "first" or "correction");
            Assert.Equal(last.a.Submission.Id, submission);
        }
        Assert.Empty(await h.UnfinishedAsync());

        // Audit: one "received" per distinct file, one answer event each, one "duplicate" per repeated blob.
        var audit = await h.AuditAsync();
        var distinct = answers.Select(a => a.Submission.Id).Distinct().Count();
        Assert.Equal(distinct, audit.Count(e => e.Event == "received"));
        Assert.Equal(distinct, audit.Count(e => e.Event is "accepted" or "rejected"));
        Assert.Equal(answers.Count(a => a.Duplicate), audit.Count(e => e.Event == "duplicate"));

        // The consolidation equals a direct computation from the accepted files.
        var expectedTotal = expectedCurrent.Values.Sum();
        await Eventually.GetAsync<object>(async () => await h.ProvinceValueAsync(period, "LD_VANBAN") == expectedTotal ? new object() : null,
            TimeSpan.FromMinutes(2), "the province total to equal the sum of the current reports");

        ReliabilityLog.Record("Burst (self-host)", sent.Count, answers.Count, sent.Count - answers.Count, await h.DuplicatedVersionsAsync(), 0, null,
            $"{units.Count} units, {waves} waves; {sent.Count(s => s.Kind == "duplicate")} duplicates, {sent.Count(s => s.Kind == "correction")} corrections, {sent.Count(s => s.Kind == "bad")} bad; all answered in {elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task Fifty_racing_uploads_for_one_unit_each_become_one_version_without_gaps()
    {
        var period = PeriodKey.ForQuarter(2041, 2);
        await using var h = await ReliabilityHost.StartAsync(period);
        var files = Enumerable.Range(1, 50).Select(i => Good(TinhKhe, period, i)).ToList();
        var same = Good(TinhKhe, period, 777);

        var uploads = await Task.WhenAll(files.Select(f => h.UploadAsync(TinhKhe, f)).Append(h.UploadAsync(TinhKhe, same)).Append(h.UploadAsync(TinhKhe, same)));
        var answers = await h.AnswersAsync(uploads, TimeSpan.FromMinutes(3));

        Assert.All(answers, a => Assert.True(a.State.IsAccepted(), a.MessageVi));
        Assert.Single(answers.Skip(50), a => a.Duplicate);
        Assert.Equal(51, answers.Select(a => a.Submission.Id).Distinct().Count());
        var versions = await h.VersionsAsync(TinhKhe);
        Assert.Equal(Enumerable.Range(1, 51), versions);
        var (current, currentSubmission) = (await h.PointersAsync())[TinhKhe];
        Assert.Equal(51, current);
        Assert.Equal(answers.Single(a => a.Submission.Version == 51).Submission.Id, currentSubmission);
        var audit = await h.AuditAsync();
        Assert.Equal(51, audit.Count(e => e.Event == "received"));
        Assert.Equal(51, audit.Count(e => e.Event == "accepted"));
        Assert.Equal(50, audit.Count(e => e.Event == "superseded"));
        Assert.Equal(1, audit.Count(e => e.Event == "duplicate"));
        ReliabilityLog.Record("One unit, 50 racing uploads + one file twice", uploads.Length, answers.Count, uploads.Length - answers.Count, await h.DuplicatedVersionsAsync(), 0, null, "versions 1..51, no gap or repeat");
    }

    [Fact]
    public async Task A_crash_between_any_two_steps_of_ingestion_is_repaired_by_the_next_delivery()
    {
        var period = PeriodKey.ForQuarter(2041, 3);
        await using var h = await ReliabilityHost.StartAsync(period);
        var seed = 10;
        var expectedVersion = 0;
        var recoveries = new List<double>();
        foreach (var step in CrashStep.Ingest)
        {
            h.Crash.Arm(step);
            var fired = h.Crash.Fired;
            var watch = Stopwatch.StartNew();
            var upload = await h.UploadAsync(TinhKhe, Good(TinhKhe, period, ++seed));
            var answer = (await h.AnswersAsync([upload], TimeSpan.FromMinutes(1)))[0];
            recoveries.Add(watch.Elapsed.TotalSeconds);

            Assert.Equal(fired + 1, h.Crash.Fired);
            Assert.Equal(SubmissionOutcome.Accepted, answer.State);
            Assert.Equal(++expectedVersion, answer.Submission.Version);
            Assert.True(answer.IsCurrent, step);
            // The next upload of the unit is not blocked by what the crash left.
            var next = await h.UploadAsync(TinhKhe, Good(TinhKhe, period, ++seed));
            var nextAnswer = (await h.AnswersAsync([next], TimeSpan.FromMinutes(1)))[0];
            Assert.Equal(++expectedVersion, nextAnswer.Submission.Version);
        }
        Assert.Equal(Enumerable.Range(1, expectedVersion), await h.VersionsAsync(TinhKhe));
        var audit = await h.AuditAsync();
        Assert.Equal(expectedVersion, audit.Count(e => e.Event == "received"));
        Assert.Equal(expectedVersion, audit.Count(e => e.Event == "accepted"));
        Assert.Equal(expectedVersion - 1, audit.Count(e => e.Event == "superseded"));
        Assert.Empty(await h.UnfinishedAsync());
        ReliabilityLog.Record("Crash between each two ingestion steps", expectedVersion, (await h.VersionsAsync(TinhKhe)).Count, 0, await h.DuplicatedVersionsAsync(), h.Crash.Fired, recoveries.Max(),
            "steps: " + string.Join(", ", CrashStep.Ingest));
    }

    [Fact]
    public async Task A_crash_between_the_two_writes_of_publication_is_repaired_and_latest_is_current()
    {
        var period = PeriodKey.ForQuarter(2041, 4);
        await using var h = await ReliabilityHost.StartAsync(period);
        var publications = h.Get<PublicationStore>();
        var recoveries = new List<double>();
        var seed = 100;
        foreach (var step in CrashStep.Publish)
        {
            h.Crash.Arm(step);
            var fired = h.Crash.Fired;
            var watch = Stopwatch.StartNew();
            var upload = await h.UploadAsync(TinhKhe, Good(TinhKhe, period, ++seed));
            await h.AnswersAsync([upload], TimeSpan.FromMinutes(1));
            // The pending timer publishes, crashes at the step, and publishes again on its next tick.
            await Eventually.GetAsync<object>(async () => await h.ProvinceValueAsync(period, "LD_VANBAN") == seed && h.Crash.Fired > fired ? new object() : null,
                TimeSpan.FromMinutes(1), "the crash and the aggregates");
            await Eventually.GetAsync<object>(async () =>
            {
                var (latest, _) = await publications.LatestAsync(period, CancellationToken.None);
                var versions = await h.Get<DanVanStorage>().Container(StorageNames.Published).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, period + "/v", CancellationToken.None).CountAsync();
                return latest > 0 && latest == versions ? new object() : null;
            }, TimeSpan.FromMinutes(1), $"latest.xlsx to show the newest version after a crash at {step}");
            recoveries.Add(watch.Elapsed.TotalSeconds);
        }
        // And the workbook is that of the data: a fresh consolidation publishes nothing new.
        var again = await h.Get<DanVan.Pipeline.Consolidate.ConsolidationService>().ConsolidateAsync(period, CancellationToken.None);
        Assert.False(again.Changed);
        ReliabilityLog.Record("Crash between the two writes of publication", 2, (await h.VersionsAsync(TinhKhe)).Count, 0, await h.DuplicatedVersionsAsync(), h.Crash.Fired, recoveries.Max(),
            "latest.xlsx rewritten from the newest version by the next run");
    }

    [Fact]
    public async Task A_blob_delivered_again_is_a_no_op_and_one_overwritten_with_other_bytes_is_a_new_upload()
    {
        var period = PeriodKey.ForQuarter(2042, 1);
        await using var h = await ReliabilityHost.StartAsync(period);
        var ingest = h.Get<IngestService>();
        var bytes = Good(TinhKhe, period, 5);
        var upload = await h.UploadAsync(TinhKhe, bytes);
        var first = (await h.AnswersAsync([upload], TimeSpan.FromMinutes(1)))[0];

        // Same blob, same bytes, delivered again (a trigger's redelivery, a replayed event).
        var again = await ingest.IngestAsync(upload.BlobName, CancellationToken.None);
        Assert.Equal(first.Submission.Id, again.SubmissionId);
        Assert.Equal(1, again.Version);
        Assert.Single(await h.VersionsAsync(TinhKhe));

        // Same blob overwritten with other bytes by some storage client: a new upload of the unit.
        var blob = h.Get<DanVanStorage>().Container(StorageNames.Uploads).GetBlobClient(upload.BlobName);
        await blob.UploadAsync(new BinaryData(Good(TinhKhe, period, 6)), overwrite: true);
        var replaced = await ingest.IngestAsync(upload.BlobName, CancellationToken.None);
        Assert.NotEqual(first.Submission.Id, replaced.SubmissionId);
        Assert.Equal(SubmissionOutcome.Accepted, replaced.State);
        Assert.Equal(2, replaced.Version);
        var answer = await h.Get<UploadService>().TryAnswerAsync(upload, CancellationToken.None);
        Assert.Equal(replaced.SubmissionId, answer!.Submission.Id);
        Assert.Equal([1, 2], await h.VersionsAsync(TinhKhe));

        // The earlier bytes sent again through a new upload: already received, and no longer current.
        var old = await h.UploadAsync(TinhKhe, bytes, "gui-lai.xlsx");
        var oldAnswer = (await h.AnswersAsync([old], TimeSpan.FromMinutes(1)))[0];
        Assert.True(oldAnswer.Duplicate);
        Assert.False(oldAnswer.IsCurrent);
        Assert.Contains("không còn là bản hiện hành", oldAnswer.MessageVi);
        ReliabilityLog.Record("Re-delivery (same bytes; overwritten)", 3, (await h.VersionsAsync(TinhKhe)).Count + 1, 0, await h.DuplicatedVersionsAsync(), 0, null, "re-delivery is a no-op; an overwritten blob is a new upload");
    }
}
