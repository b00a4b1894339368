using Azure;
using Azure.Data.Tables;
using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Quarters with an accepted report not yet reflected in a published workbook. Ingestion marks; a frequent timer
/// consolidates and clears the mark only if nobody marked it again meanwhile (ETag), so no report is missed and
/// a burst of uploads costs one consolidation. PartitionKey "pending", RowKey = quarter.
/// </summary>
public sealed class PendingConsolidations(DanVanStorage storage, TimeProvider time)
{
    private const string Partition = "pending";

    private TableClient Table => storage.Table(StorageNames.Pending);

    public Task MarkAsync(PeriodKey quarter, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Partition, quarter.ToString()) { ["MarkedUtc"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<(PeriodKey Quarter, ETag ETag)>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<(PeriodKey, ETag)>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (PeriodKey.TryParse(e.RowKey, out var q))
            {
                list.Add((q, e.ETag));
            }
        }
        return list;
    }

    /// <summary>Clears a mark unless it was renewed after it was read; returns false when it stays pending.</summary>
    public async Task<bool> ClearAsync(PeriodKey quarter, ETag seen, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, quarter.ToString(), seen, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return ex.Status == 404;
        }
    }
}
