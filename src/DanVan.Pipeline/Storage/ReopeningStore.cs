using Azure.Data.Tables;
using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Storage;

/// <summary>Lock exceptions: a closed period reopened for one named unit by the consolidator. PartitionKey = period, RowKey = unit.</summary>
public sealed class ReopeningStore(DanVanStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.Reopenings);

    public Task ReopenAsync(PeriodKey period, string unitCode, string reason, string by, DateTimeOffset atUtc, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(period.ToString(), unitCode) { ["Reason"] = reason, ["By"] = by, ["AtUtc"] = atUtc }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsReopenedAsync(PeriodKey period, string unitCode, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(period.ToString(), unitCode, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;
}
