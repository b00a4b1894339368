using Azure;
using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// One row per upload. PartitionKey = period (or "_unidentified" when the path names none),
/// RowKey = submission id = unit + content hash, so the same bytes from the same unit land on the same row.
/// </summary>
public sealed class SubmissionStore(DanVanStorage storage)
{
    public const string Unidentified = "_unidentified";

    private TableClient Table => storage.Table(StorageNames.Submissions);

    public static string IdFor(string unitCode, string contentHash) => $"{unitCode}_{contentHash[..24]}";

    /// <summary>
    /// Adds the row in state "received" (claimed by its creator); returns the existing row when it is already
    /// there. Either way the row carries its ETag for the conditional updates that follow.
    /// </summary>
    internal async Task<(SubmissionRow Row, bool Created)> AddOrGetAsync(SubmissionRow row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.AddEntityAsync(row.ToEntity(), cancellationToken);
            return (row with { ETag = response.Headers.ETag ?? default }, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await Table.GetEntityAsync<TableEntity>(row.Partition, row.Id, cancellationToken: cancellationToken);
            return (SubmissionRow.From(existing.Value), false);
        }
    }

    /// <summary>
    /// Takes the row for one worker until <paramref name="until"/>, under the ETag it was read with, so two
    /// workers never process the same bytes; null when another worker changed it first.
    /// </summary>
    /// <paramref name="crashed"/>: the claim taken over had run out, so its worker died; counted in <see cref="SubmissionRow.Crashes"/>.
    internal async Task<SubmissionRow?> TryClaimAsync(SubmissionRow row, string worker, DateTimeOffset until, bool crashed, CancellationToken cancellationToken)
    {
        var claimed = row with { ClaimedBy = worker, ClaimedUntilUtc = until, Attempts = row.Attempts + 1, Crashes = row.Crashes + (crashed ? 1 : 0) };
        try
        {
            var response = await Table.UpdateEntityAsync(claimed.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
            return claimed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Extends a held claim; null when the row was changed by someone else (the claim is lost).</summary>
    internal async Task<SubmissionRow?> TryRenewClaimAsync(SubmissionRow row, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var renewed = row with { ClaimedUntilUtc = until };
        try
        {
            var response = await Table.UpdateEntityAsync(renewed.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
            return renewed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes a claimed row's new state; false when the claim was lost (another worker took the row over).</summary>
    internal async Task<bool> TryUpdateClaimedAsync(SubmissionRow row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(row.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    internal Task UpdateAsync(SubmissionRow row, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(row.ToEntity(), TableUpdateMode.Replace, cancellationToken);

    internal async Task<SubmissionRow?> FindAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var r = await Table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken);
        return r.HasValue ? SubmissionRow.From(r.Value!) : null;
    }

    /// <summary>
    /// Every upload of a period, oldest first. Which one is current is read from the version pointer, the one
    /// place racing uploads settle it, never from a flag a slower upload might overwrite.
    /// </summary>
    internal async Task<IReadOnlyList<SubmissionRow>> ListAsync(string partition, CancellationToken cancellationToken)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var p in storage.Table(StorageNames.Current).QueryAsync<TableEntity>(x => x.PartitionKey == partition, select: ["SubmissionId"], cancellationToken: cancellationToken))
        {
            if (p.GetString("SubmissionId") is { } id)
            {
                current.Add(id);
            }
        }
        var list = new List<SubmissionRow>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            var row = SubmissionRow.From(e);
            list.Add(row with { IsCurrent = current.Contains(row.Id) });
        }
        return list.OrderBy(s => s.ReceivedUtc).ThenBy(s => s.Version).ToList();
    }

    /// <summary>Every upload of a period as the pages and the status view show it, oldest first.</summary>
    public async Task<IReadOnlyList<SubmissionView>> ListViewsAsync(string partition, CancellationToken cancellationToken) =>
        (await ListAsync(partition, cancellationToken)).Select(SubmissionView.From).ToList();

    /// <summary>One upload as the pages show it, or null when there is no such upload.</summary>
    public async Task<SubmissionView?> FindViewAsync(string partition, string id, CancellationToken cancellationToken) =>
        await FindAsync(partition, id, cancellationToken) is { } row ? SubmissionView.From(row) : null;

    public async Task<IReadOnlyList<SubmissionRecord>> RecordsAsync(PeriodKey period, CancellationToken cancellationToken) =>
        (await ListAsync(period.ToString(), cancellationToken)).Select(r => r.ToRecord(period)).ToList();
}

/// <summary>A submission row; <see cref="State"/> is the wire word of <see cref="SubmissionOutcome"/>.</summary>
internal sealed record SubmissionRow(
    string Partition,
    string Id,
    string UnitCode,
    string FileName,
    string UploadBlob,
    string ContentHash,
    DateTimeOffset ReceivedUtc)
{
    public SubmissionOutcome State { get; init; } = SubmissionOutcome.Received;
    public int Version { get; init; }
    public bool Late { get; init; }
    /// <summary>Derived from the version pointer by <see cref="SubmissionStore.ListAsync"/>; not stored.</summary>
    public bool IsCurrent { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }
    public int Attempts { get; init; }
    /// <summary>Workers that died holding this row's claim (their claim was taken over after it ran out).</summary>
    public int Crashes { get; init; }
    public string? SummaryVi { get; init; }
    public string? FeedbackBlob { get; init; }
    public string? ArchiveBlob { get; init; }
    public int? TemplateVersion { get; init; }
    public int? CatalogueVersion { get; init; }
    public string? ProblemsJson { get; init; }

    /// <summary>The worker processing this row, and until when its claim holds (a crashed worker's claim runs out).</summary>
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedUntilUtc { get; init; }

    /// <summary>The row's ETag as last read or written; not stored.</summary>
    public ETag ETag { get; init; }

    public TableEntity ToEntity() => new(Partition, Id)
    {
        ["UnitCode"] = UnitCode,
        ["FileName"] = FileName,
        ["UploadBlob"] = UploadBlob,
        ["ContentHash"] = ContentHash,
        ["ReceivedUtc"] = ReceivedUtc,
        ["State"] = State.Wire(),
        ["Version"] = Version,
        ["Late"] = Late,
        ["Errors"] = Errors,
        ["Warnings"] = Warnings,
        ["Attempts"] = Attempts,
        ["Crashes"] = Crashes,
        ["SummaryVi"] = SummaryVi,
        ["FeedbackBlob"] = FeedbackBlob,
        ["ArchiveBlob"] = ArchiveBlob,
        ["TemplateVersion"] = TemplateVersion,
        ["CatalogueVersion"] = CatalogueVersion,
        ["ProblemsJson"] = ProblemsJson,
        ["ClaimedBy"] = ClaimedBy,
        ["ClaimedUntilUtc"] = ClaimedUntilUtc,
    };

    public static SubmissionRow From(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("UnitCode") ?? "",
        e.GetString("FileName") ?? "",
        e.GetString("UploadBlob") ?? "",
        e.GetString("ContentHash") ?? "",
        e.GetDateTimeOffset("ReceivedUtc") ?? default)
    {
        State = SubmissionOutcomeText.ParseWire(e.GetString("State") ?? "received"),
        Version = e.GetInt32("Version") ?? 0,
        Late = e.GetBoolean("Late") ?? false,
        Errors = e.GetInt32("Errors") ?? 0,
        Warnings = e.GetInt32("Warnings") ?? 0,
        Attempts = e.GetInt32("Attempts") ?? 0,
        Crashes = e.GetInt32("Crashes") ?? 0,
        SummaryVi = e.GetString("SummaryVi"),
        FeedbackBlob = e.GetString("FeedbackBlob"),
        ArchiveBlob = e.GetString("ArchiveBlob"),
        TemplateVersion = e.GetInt32("TemplateVersion"),
        CatalogueVersion = e.GetInt32("CatalogueVersion"),
        ProblemsJson = e.GetString("ProblemsJson"),
        ClaimedBy = e.GetString("ClaimedBy"),
        ClaimedUntilUtc = e.GetDateTimeOffset("ClaimedUntilUtc"),
        ETag = e.ETag,
    };

    public SubmissionRecord ToRecord(PeriodKey period) => new(
        Id, period, UnitCode, Version, State, ReceivedUtc, Late, ContentHash, FileName, Errors, Warnings, SummaryVi, IsCurrent);
}
