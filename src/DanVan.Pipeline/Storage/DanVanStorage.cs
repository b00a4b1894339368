using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DanVan.Pipeline.Storage;

/// <summary>The Azure SDK clients of one storage account (Azure or Azurite), created once.</summary>
public sealed class DanVanStorage
{
    private int _ensured;

    public DanVanStorage(string connectionString)
    {
        Blobs = new BlobServiceClient(connectionString);
        Tables = new TableServiceClient(connectionString);
        Queues = new QueueServiceClient(connectionString, QueueOptions);
    }

    /// <summary>Identity-based: no key anywhere (Azure, with the app's managed identity).</summary>
    public DanVanStorage(Uri blobServiceUri, Uri tableServiceUri, Azure.Core.TokenCredential credential, Uri? queueServiceUri = null)
    {
        Blobs = new BlobServiceClient(blobServiceUri, credential);
        Tables = new TableServiceClient(tableServiceUri, credential);
        // The queue endpoint sits beside the blob endpoint of the same account unless given.
        Queues = new QueueServiceClient(queueServiceUri ?? new Uri(blobServiceUri.ToString().Replace(".blob.", ".queue.", StringComparison.Ordinal)), credential, QueueOptions);
    }

    /// <summary>Base64, as the Functions and WebJobs queue triggers expect by default.</summary>
    private static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

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
        foreach (var q in StorageNames.Queues)
        {
            await Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        Volatile.Write(ref _ensured, 1);
    }
}
