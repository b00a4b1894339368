using Azure.Storage.Blobs.Models;

namespace DanVan.Pipeline.Storage;

/// <summary>The uploader's workbook with problems marked: <c>feedback/{period}/{unit}/{submission}.xlsx</c>, rewritten on a retry.</summary>
public sealed class FeedbackStore(DanVanStorage storage)
{
    public static string NameFor(string partition, string unitCode, string submissionId) => $"{partition}/{unitCode}/{submissionId}.xlsx";

    public async Task PutAsync(string name, Stream workbook, CancellationToken cancellationToken) =>
        await storage.Container(StorageNames.Feedback).GetBlobClient(name).UploadAsync(workbook, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = BlobReads.XlsxContentType },
        }, cancellationToken);

    /// <summary>The workbook, or null when there is none under that name.</summary>
    public Task<Stream?> OpenAsync(string name, CancellationToken cancellationToken) =>
        BlobReads.OpenOrNullAsync(storage.Container(StorageNames.Feedback).GetBlobClient(name), cancellationToken);
}
