using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace DanVan.Pipeline.Storage;

/// <summary>Every received file, immutable, named by its SHA-256: the same bytes are stored once.</summary>
public sealed class ArchiveStore(DanVanStorage storage)
{
    public static string NameFor(string sha256) => $"sha256/{sha256[..2]}/{sha256}";

    public async Task<string> PutAsync(string sha256, BinaryData content, string originalName, CancellationToken cancellationToken)
    {
        var name = NameFor(sha256);
        var blob = storage.Container(StorageNames.Archive).GetBlobClient(name);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { ["originalname"] = Uri.EscapeDataString(originalName) },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already archived: same bytes, same name.
        }
        return name;
    }

    public async Task<BinaryData> GetAsync(string name, CancellationToken cancellationToken) =>
        (await storage.Container(StorageNames.Archive).GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
}
