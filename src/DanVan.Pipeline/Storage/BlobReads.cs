using Azure;
using Azure.Storage.Blobs;

namespace DanVan.Pipeline.Storage;

/// <summary>"Not there" is an answer, not an error: the stores return null instead of leaking a 404.</summary>
internal static class BlobReads
{
    public static async Task<Stream?> OpenOrNullAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
