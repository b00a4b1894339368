using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// One receipt per blob of <c>uploads/</c> that ingestion has finished with: which submission it became and
/// whether it repeated an earlier upload's bytes. PartitionKey = period (or "_unidentified"), RowKey = a hash of
/// the blob name (blob names hold '/', which a RowKey cannot). The blob's ETag is kept, so a blob overwritten
/// with other bytes is ingested again while a re-delivery of the same blob is a no-op.
/// </summary>
public sealed class UploadReceiptStore(DanVanStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.UploadReceipts);

    public static string KeyFor(string blobName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName)))[..40];

    public async Task<UploadReceipt?> GetAsync(string partition, string blobName, CancellationToken cancellationToken)
    {
        var r = await Table.GetEntityIfExistsAsync<TableEntity>(partition, KeyFor(blobName), cancellationToken: cancellationToken);
        return r.HasValue ? From(r.Value!) : null;
    }

    public Task PutAsync(UploadReceipt receipt, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(receipt.Partition, KeyFor(receipt.BlobName))
        {
            ["BlobName"] = receipt.BlobName,
            ["SubmissionId"] = receipt.SubmissionId,
            ["Duplicate"] = receipt.Duplicate,
            ["BlobETag"] = receipt.BlobETag,
            ["AtUtc"] = receipt.AtUtc,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Blob key → blob ETag of every receipt in a partition: what reconciliation compares the container with.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ETagsAsync(string partition, CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, select: ["RowKey", "BlobETag"], cancellationToken: cancellationToken))
        {
            map[e.RowKey] = e.GetString("BlobETag") ?? "";
        }
        return map;
    }

    private static UploadReceipt From(TableEntity e) => new(
        e.GetString("BlobName") ?? "",
        e.PartitionKey,
        e.GetString("SubmissionId") ?? "",
        e.GetBoolean("Duplicate") ?? false,
        e.GetString("BlobETag") ?? "",
        e.GetDateTimeOffset("AtUtc") ?? default);
}

/// <summary>What became of one blob: the submission it is (or repeats) and the blob version that was read.</summary>
public sealed record UploadReceipt(string BlobName, string Partition, string SubmissionId, bool Duplicate, string BlobETag, DateTimeOffset AtUtc);
