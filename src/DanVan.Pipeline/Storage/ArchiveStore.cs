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

    public static string OversizeNameFor(string unitCode, string sha256) => $"oversize/{unitCode}/{sha256}";

    /// <summary>
    /// Archives a file over the size limit once per content and unit, streamed (never held in memory), if the unit's
    /// oversize files stay within <paramref name="quotaBytes"/>; the name, or null when the quota refuses it.
    /// </summary>
    public async Task<string?> PutOversizeAsync(string unitCode, string sha256, long length, long quotaBytes,
        Func<CancellationToken, Task<Stream>> open, string originalName, CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.Archive);
        var name = OversizeNameFor(unitCode, sha256);
        var blob = container.GetBlobClient(name);
        if (await blob.ExistsAsync(cancellationToken))
        {
            return name;
        }
        long used = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"oversize/{unitCode}/", cancellationToken))
        {
            used += item.Properties.ContentLength ?? 0;
        }
        if (used + length > quotaBytes)
        {
            return null;
        }
        try
        {
            await using var source = await open(cancellationToken);
            await blob.UploadAsync(source, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha256, ["originalname"] = Uri.EscapeDataString(originalName) },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Archived meanwhile by another delivery: same bytes, same name.
        }
        return name;
    }

    public async Task<BinaryData> GetAsync(string name, CancellationToken cancellationToken) =>
        (await storage.Container(StorageNames.Archive).GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
}
