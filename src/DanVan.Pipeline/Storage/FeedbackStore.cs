using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline.Ingest;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// The uploader's workbook with problems marked: <c>feedback/{period}/{unit}/{submission}.xlsx</c>, rewritten on a retry.
/// A report accepted with nothing to mark gets its workbook on the first request instead of at ingestion (a
/// third of an ingestion's CPU): rebuilt from the archived file exactly as ingestion would have built it.
/// </summary>
public sealed class FeedbackStore(DanVanStorage storage, SubmissionStore submissions, ArchiveStore archive, ReferenceData reference, IngestOptions options)
{
    public static string NameFor(string partition, string unitCode, string submissionId) => $"{partition}/{unitCode}/{submissionId}.xlsx";

    /// <summary>Whether ingestion may leave the workbook to the first request: an accepted report with no problem to mark.</summary>
    public static bool BuiltOnDemand(CheckResult result) => result.Outcome.IsAccepted() && result.Problems.Count == 0;

    public async Task PutAsync(string name, Stream workbook, CancellationToken cancellationToken) =>
        await storage.Container(StorageNames.Feedback).GetBlobClient(name).UploadAsync(workbook, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = BlobReads.XlsxContentType },
        }, cancellationToken);

    /// <summary>The workbook (built now when ingestion left it to the first request), or null when there is none under that name.</summary>
    public async Task<Stream?> OpenAsync(string name, CancellationToken cancellationToken) =>
        await BlobReads.OpenOrNullAsync(storage.Container(StorageNames.Feedback).GetBlobClient(name), cancellationToken)
        ?? await BuildAsync(name, cancellationToken);

    private async Task<Stream?> BuildAsync(string name, CancellationToken cancellationToken)
    {
        var parts = name.Split('/');
        if (parts.Length != 3 || !PeriodKey.TryParse(parts[0], out var period) || !parts[2].EndsWith(".xlsx", StringComparison.Ordinal))
        {
            return null;
        }
        var row = await submissions.FindAsync(parts[0], parts[2][..^".xlsx".Length], cancellationToken);
        if (row is null || row.FeedbackBlob != name || row.UnitCode != parts[1] || !row.State.IsAccepted()
            || row.Errors != 0 || row.Warnings != 0 || string.IsNullOrEmpty(row.ArchiveBlob))
        {
            return null;
        }
        BinaryData content;
        try
        {
            content = await archive.GetAsync(row.ArchiveBlob, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        // The conditions it was accepted under (its arrival, the period open for it): the same values and identity.
        var context = new CheckContext(row.UnitCode, period, row.ReceivedUtc, reference.Registry, reference.Calendar, reference.Catalogues,
            options.Limits)
        {
            IsReopenedFor = (u, p) => u == row.UnitCode && p == period,
        };
        CheckResult result;
        using (var stream = content.ToStream())
        {
            // Accepted with nothing to mark: that answer, whatever a re-check today would add.
            result = ReportChecker.Check(stream, row.FileName, context) with { Outcome = row.State, Problems = [] };
        }
        var output = new MemoryStream();
        FeedbackWorkbook.Write(row.FileName, result, context, output);
        output.Position = 0;
        await PutAsync(name, output, cancellationToken);
        output.Position = 0;
        return output;
    }
}
