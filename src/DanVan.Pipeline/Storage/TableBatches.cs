using Azure.Data.Tables;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Azure accepts a transaction only within one partition and up to 100 entities; Azurite accepts more,
/// so the limits are enforced here, not left to the emulator.
/// </summary>
public static class TableBatches
{
    public const int MaxEntities = 100;

    /// <summary>Upserts in transactions of up to 100; <paramref name="parallelism"/> transactions in flight at once (each is idempotent).</summary>
    public static async Task UpsertAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken, int parallelism = 1)
    {
        var chunks = entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxEntities)).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (chunk, ct) => await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList(), ct));
    }

    public static async Task DeleteAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxEntities))
            {
                var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, Azure.ETag.All)).ToList();
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }
}
