using System.Globalization;
using Azure.Data.Tables;

namespace DanVan.Pipeline.Storage;

/// <summary>Append-only events: received, duplicate, accepted, rejected, superseded, system-error, reopened, published.</summary>
public sealed class AuditLog(DanVanStorage storage, TimeProvider time)
{
    private static long _sequence;

    public async Task AppendAsync(string period, string @event, string? unit, string? subject, string detail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Row keys sort by time, then by this process's sequence (two events of one tick keep their order),
        // and a random suffix keeps two processes apart. Never updated.
        var sequence = Interlocked.Increment(ref _sequence);
        var entity = new TableEntity(PartitionFor(period),
            now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "_" + sequence.ToString("D12", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8])
        {
            ["Event"] = @event,
            ["Unit"] = unit,
            ["Subject"] = subject,
            ["Detail"] = detail,
            ["AtUtc"] = now,
        };
        await storage.Table(StorageNames.Audit).AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>
    /// An event that must be recorded once however often the step that records it runs again (a retried or
    /// resumed ingestion): its key is made of <paramref name="orderUtc"/> (which orders it) and
    /// <paramref name="onceKey"/>; a second write of the same key keeps the first.
    /// </summary>
    public async Task AppendOnceAsync(string period, string @event, string? unit, string? subject, string detail, DateTimeOffset orderUtc, string onceKey, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionFor(period),
            orderUtc.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "_" + onceKey + "_" + StepOrder(@event) + @event)
        {
            ["Event"] = @event,
            ["Unit"] = unit,
            ["Subject"] = subject,
            ["Detail"] = detail,
            ["AtUtc"] = time.GetUtcNow(),
        };
        try
        {
            await storage.Table(StorageNames.Audit).AddEntityAsync(entity, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by an earlier attempt.
        }
    }

    /// <summary>Keeps one submission's events in the order they happen when they share a time and key.</summary>
    private static char StepOrder(string @event) => @event switch
    {
        "received" => '1',
        "duplicate" => '2',
        "superseded" => '3',
        _ => '4',
    };

    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string period, CancellationToken cancellationToken)
    {
        var list = new List<AuditEvent>();
        await foreach (var e in storage.Table(StorageNames.Audit).QueryAsync<TableEntity>(x => x.PartitionKey == PartitionFor(period), cancellationToken: cancellationToken))
        {
            list.Add(new AuditEvent(e.GetString("Event"), e.GetString("Unit"), e.GetString("Subject"), e.GetString("Detail"), e.GetDateTimeOffset("AtUtc") ?? default));
        }
        return list;
    }

    private static string PartitionFor(string period) => string.IsNullOrEmpty(period) ? "_none" : period;
}

public sealed record AuditEvent(string Event, string? Unit, string? Subject, string Detail, DateTimeOffset AtUtc);
