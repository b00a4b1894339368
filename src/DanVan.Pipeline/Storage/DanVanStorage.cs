using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace DanVan.Pipeline.Storage;

/// <summary>The Azure SDK clients of one storage account (Azure or Azurite), created once.</summary>
public sealed class DanVanStorage
{
    private int _ensured;

    public DanVanStorage(string connectionString)
    {
        Blobs = new BlobServiceClient(connectionString);
        Tables = new TableServiceClient(connectionString);
    }

    /// <summary>Identity-based: no key anywhere (Azure, with the app's managed identity).</summary>
    public DanVanStorage(Uri blobServiceUri, Uri tableServiceUri, Azure.Core.TokenCredential credential)
    {
        Blobs = new BlobServiceClient(blobServiceUri, credential);
        Tables = new TableServiceClient(tableServiceUri, credential);
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every container and table once per process; cheap to call again.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _ensured) == 1)
        {
            return;
        }
        foreach (var c in StorageNames.Containers)
        {
            await Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        foreach (var t in StorageNames.Tables)
        {
            try
            {
                await Table(t).CreateIfNotExistsAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Created concurrently by the other host or test.
            }
        }
        Volatile.Write(ref _ensured, 1);
    }
}
