using System.Diagnostics;
using System.Security.Cryptography;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Bench;

/// <summary>
/// The profile: the happy path of IngestService.IngestAsync re-enacted step by step with the same stores
/// and the same core calls, a Stopwatch around each step (src/ has no timing hooks).
/// </summary>
public sealed class IngestReplica(IServiceProvider services, TimeProvider time)
{
    public static readonly string[] Steps =
    [
        "blob properties | receipt read", "blob download", "sha256 + archive upload", "submission add",
        "audit received | reopening lookup", "check (read+validate)", "store values + pointer",
        "feedback (clean: on first request)", "audit accepted | pending mark", "submission final", "receipt",
    ];

    private readonly DanVanStorage _storage = services.GetRequiredService<DanVanStorage>();
    private readonly SubmissionStore _submissions = services.GetRequiredService<SubmissionStore>();
    private readonly UploadReceiptStore _receipts = services.GetRequiredService<UploadReceiptStore>();
    private readonly ReportStore _reports = services.GetRequiredService<ReportStore>();
    private readonly ArchiveStore _archive = services.GetRequiredService<ArchiveStore>();
    private readonly ReopeningStore _reopenings = services.GetRequiredService<ReopeningStore>();
    private readonly AuditLog _audit = services.GetRequiredService<AuditLog>();
    private readonly PendingConsolidations _pending = services.GetRequiredService<PendingConsolidations>();
    private readonly ReferenceData _reference = services.GetRequiredService<ReferenceData>();

    public async Task<double[]> RunAsync(string blobName, CancellationToken ct)
    {
        var marks = new double[Steps.Length];
        var sw = Stopwatch.StartNew();
        var step = 0;
        void Mark()
        {
            marks[step++] = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
        }

        var path = UploadPath.Parse(blobName);
        var period = path.Period!.Value;
        var partition = period.ToString();
        var blob = _storage.Container(StorageNames.Uploads).GetBlobClient(blobName);
        var receiptRead = _receipts.GetAsync(partition, blobName, ct);
        var props = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
        await receiptRead;
        Mark();
        var content = (await blob.DownloadContentAsync(ct)).Value.Content;
        Mark();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        var archiveName = await _archive.PutAsync(hash, content, path.FileName, ct);
        Mark();
        var row = new SubmissionRow(partition, SubmissionStore.IdFor(path.UnitCode!, hash), path.UnitCode!, path.FileName, blobName, hash, props.CreatedOn)
        {
            ArchiveBlob = archiveName,
            Late = _reference.Calendar.Get(period).IsLate(props.CreatedOn),
            Attempts = 1,
        };
        await _submissions.AddOrGetAsync(row, ct);
        Mark();
        var received = _audit.AppendOnceAsync(partition, "received", row.UnitCode, row.Id, blobName, row.ReceivedUtc, row.Id, ct);
        await _reopenings.IsReopenedAsync(period, row.UnitCode, ct);
        await received;
        Mark();
        var context = new CheckContext(row.UnitCode, period, time.GetUtcNow(), _reference.Registry, _reference.Calendar, _reference.Catalogues, new IngestLimits());
        CheckResult result;
        using (var stream = content.ToStream())
        {
            result = ReportChecker.Check(stream, path.FileName, context);
        }
        Mark();
        var identity = result.Identity!;
        var version = await _reports.AddVersionAsync(new NewReportVersion(period, row.UnitCode, row.Id, hash, row.ReceivedUtc, row.Late, identity.CatalogueVersion, result.Values), ct);
        Mark();
        if (!FeedbackStore.BuiltOnDemand(result))
        {
            throw new InvalidOperationException("The bench report should be clean.");
        }
        Mark();
        await Task.WhenAll(
            _audit.AppendOnceAsync(partition, "accepted", row.UnitCode, row.Id, $"version={version.Version}", row.ReceivedUtc, row.Id, ct),
            _pending.MarkAsync(period, ct));
        Mark();
        await _submissions.UpdateAsync(row with { State = result.Outcome, Version = version.Version, ProblemsJson = "[]" }, ct);
        Mark();
        await _receipts.PutAsync(new UploadReceipt(blobName, partition, row.Id, false, props.ETag.ToString(), time.GetUtcNow()), ct);
        Mark();
        return marks;
    }
}

public sealed record StepTime(string Step, double P50Ms, double MeanMs);
