using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Consolidated figures: table Aggregates, PartitionKey = period, RowKey = scope|indicator. Recomputable from
/// Values, so a run replaces the period's rows wholesale (rows the new result no longer has are deleted).
/// A district's figures (scope <c>HUYEN:</c>, ~700 districts × every indicator before the merger) are one wide
/// row per district, RowKey = scope|*, read back as the same rows: a twentieth of the entities to write.
/// Rows whose content did not change are not rewritten (a re-consolidation mostly changes a few).
/// </summary>
public sealed class AggregateStore(DanVanStorage storage)
{
    private const string PackedIndicator = "*";
    private const string PackedCodes = "Indicators";

    /// <summary>Three properties per indicator plus four within Azure's 252 properties per entity.</summary>
    private const int MaxPackedIndicators = 80;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    private TableClient Table => storage.Table(StorageNames.Aggregates);

    /// <summary>Row keys may not hold '/', '\\', '#' or '?'.</summary>
    public static string RowKeyFor(string scope, string indicator) =>
        string.Concat((scope + "|" + indicator).Select(c => c is '/' or '\\' or '#' or '?' ? '_' : c));

    public async Task ReplaceAsync(PeriodKey period, IReadOnlyList<AggregateRow> aggregates, CancellationToken cancellationToken)
    {
        var partition = period.ToString();
        var fresh = Entities(partition, aggregates);
        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            existing[e.RowKey] = e;
        }
        var keep = fresh.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var changed = fresh.Where(e => !existing.TryGetValue(e.RowKey, out var old) || !SameContent(e, old)).Cast<ITableEntity>().ToList();
        var stale = existing.Values.Where(e => !keep.Contains(e.RowKey)).Cast<ITableEntity>().ToList();
        await TableBatches.UpsertAsync(Table, changed, cancellationToken, parallelism: 4);
        await TableBatches.DeleteAsync(Table, stale, cancellationToken);
    }

    /// <summary>A period's figures; empty when it was never consolidated.</summary>
    public async Task<IReadOnlyList<AggregateRow>> ReadAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var partition = period.ToString();
        var list = new List<AggregateRow>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (e.GetString(PackedCodes) is { } codes)
            {
                var scope = e.GetString("Scope") ?? "";
                var name = e.GetString("ScopeName") ?? "";
                foreach (var code in codes.Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    list.Add(new AggregateRow(scope, name, code,
                        e.GetDouble("V_" + code) is { } pv ? (decimal)pv : null, e.GetInt64("N_" + code), e.GetInt64("D_" + code)));
                }
                continue;
            }
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

    private static List<TableEntity> Entities(string partition, IReadOnlyList<AggregateRow> aggregates)
    {
        var entities = new List<TableEntity>(aggregates.Count);
        var packed = new Dictionary<string, (TableEntity Entity, List<string> Codes)>(StringComparer.Ordinal);
        var packable = aggregates.Where(a => a.Scope.StartsWith("HUYEN:", StringComparison.Ordinal))
            .GroupBy(a => a.Scope, StringComparer.Ordinal)
            .Where(g => g.Count() <= MaxPackedIndicators && g.Select(a => a.IndicatorCode).Distinct(StringComparer.Ordinal).Count() == g.Count()
                && g.All(a => IsPropertyName(a.IndicatorCode)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var a in aggregates)
        {
            // Azure Tables has no decimal: ratios (one decimal) fit a double exactly enough to show.
            var value = a.Value is { } v ? (double?)(double)v : null;
            if (packable.Contains(a.Scope))
            {
                if (!packed.TryGetValue(a.Scope, out var p))
                {
                    p = (new TableEntity(partition, RowKeyFor(a.Scope, PackedIndicator)) { ["Scope"] = a.Scope, ["ScopeName"] = a.ScopeNameVi }, []);
                    packed[a.Scope] = p;
                    entities.Add(p.Entity);
                }
                p.Codes.Add(a.IndicatorCode);
                p.Entity["V_" + a.IndicatorCode] = value;
                p.Entity["N_" + a.IndicatorCode] = a.Numerator;
                p.Entity["D_" + a.IndicatorCode] = a.Denominator;
                continue;
            }
            entities.Add(new TableEntity(partition, RowKeyFor(a.Scope, a.IndicatorCode))
            {
                ["Scope"] = a.Scope,
                ["ScopeName"] = a.ScopeNameVi,
                ["Indicator"] = a.IndicatorCode,
                ["Value"] = value,
                ["Numerator"] = a.Numerator,
                ["Denominator"] = a.Denominator,
            });
        }
        foreach (var (entity, codes) in packed.Values)
        {
            entity[PackedCodes] = string.Join('|', codes);
        }
        return entities;
    }

    private static bool IsPropertyName(string code) =>
        code.Length is > 0 and < 200 && (char.IsAsciiLetter(code[0]) || code[0] == '_') && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Same properties with the same values (a null property is no property: the table does not keep it).</summary>
    private static bool SameContent(TableEntity fresh, TableEntity stored)
    {
        var count = 0;
        foreach (var (key, value) in fresh)
        {
            if (SystemProperties.Contains(key) || value is null)
            {
                continue;
            }
            count++;
            if (!stored.TryGetValue(key, out var old) || !SameValue(value, old))
            {
                return false;
            }
        }
        return count == stored.Count(kv => !SystemProperties.Contains(kv.Key) && !kv.Key.EndsWith("@odata.type", StringComparison.Ordinal) && kv.Value is not null);
    }

    private static bool SameValue(object value, object? stored) => (value, stored) switch
    {
        (long a, long b) => a == b,
        (long a, int b) => a == b,
        (double a, double b) => a.Equals(b),
        (double a, int b) => a.Equals(b),
        (double a, long b) => a.Equals(b),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => Equals(value, stored),
    };
}
