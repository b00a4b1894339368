using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Consolidated figures: table Aggregates, PartitionKey = period, RowKey = scope|indicator. Recomputable from
/// Values, so a run replaces the period's rows wholesale (rows the new result no longer has are deleted).
/// </summary>
public sealed class AggregateStore(DanVanStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.Aggregates);

    /// <summary>Row keys may not hold '/', '\\', '#' or '?'.</summary>
    public static string RowKeyFor(string scope, string indicator) =>
        string.Concat((scope + "|" + indicator).Select(c => c is '/' or '\\' or '#' or '?' ? '_' : c));

    public async Task ReplaceAsync(PeriodKey period, IReadOnlyList<AggregateRow> aggregates, CancellationToken cancellationToken)
    {
        var partition = period.ToString();
        var fresh = aggregates.Select(a => (ITableEntity)new TableEntity(partition, RowKeyFor(a.Scope, a.IndicatorCode))
        {
            ["Scope"] = a.Scope,
            ["ScopeName"] = a.ScopeNameVi,
            ["Indicator"] = a.IndicatorCode,
            // Azure Tables has no decimal: ratios (one decimal) fit a double exactly enough to show.
            ["Value"] = a.Value is { } v ? (double)v : null,
            ["Numerator"] = a.Numerator,
            ["Denominator"] = a.Denominator,
        }).ToList();
        var keep = fresh.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<ITableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(e.RowKey))
            {
                stale.Add(e);
            }
        }
        await TableBatches.UpsertAsync(Table, fresh, cancellationToken);
        await TableBatches.DeleteAsync(Table, stale, cancellationToken);
    }

    /// <summary>A period's figures; empty when it was never consolidated.</summary>
    public async Task<IReadOnlyList<AggregateRow>> ReadAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var partition = period.ToString();
        var list = new List<AggregateRow>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            list.Add(new AggregateRow(
                e.GetString("Scope") ?? "",
                e.GetString("ScopeName") ?? "",
                e.GetString("Indicator") ?? "",
                e.GetDouble("Value") is { } v ? (decimal)v : null,
                e.GetInt64("Numerator"),
                e.GetInt64("Denominator")));
        }
        return list;
    }
}
