using System.Globalization;
using Azure;
using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Accepted reports. Values: PartitionKey = period, RowKey = unit + "_v" + version; one wide entity per
/// version, a property per indicator (<c>N_CODE</c> numbers, <c>T_CODE</c> text; a blank cell has no
/// property, so "not reported" stays distinct from 0). CurrentVersions: PartitionKey = period,
/// RowKey = unit; the pointer readers follow, moved only under an ETag condition after the values exist.
/// </summary>
public sealed class ReportStore(DanVanStorage storage, TimeProvider time, Reliability.ICrashPoints crashPoints)
{
    private const int MaxTextChars = 30_000;

    private TableClient Values => storage.Table(StorageNames.Values);

    private TableClient Current => storage.Table(StorageNames.Current);

    public static string ValuesRowKey(string unit, int version) =>
        unit + "_v" + version.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores a new version and makes it current, in three steps that a crash between any two of them cannot
    /// block: (1) reserve the next number on the pointer (ETag-guarded; one reservation per unit at a time),
    /// (2) write that version's values, (3) move the pointer to it and clear the reservation (same ETag). A
    /// retry of the same submission continues its own reservation or finds itself already current; another
    /// submission takes over a reservation older than <see cref="ReservationTimeout"/> and overwrites the orphan
    /// values it left. Versions are numbered 1, 2, 3… with no gap and no repeat.
    /// </summary>
    public async Task<VersionSwitch> AddVersionAsync(NewReportVersion report, CancellationToken cancellationToken)
    {
        var period = report.Period.ToString();
        var started = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            if (time.GetUtcNow() - started > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"Could not switch the current version of {report.UnitCode} for {period} within 2 minutes ({attempt} attempts).");
            }
            var read = await Current.GetEntityIfExistsAsync<TableEntity>(period, report.UnitCode, cancellationToken: cancellationToken);
            var pointer = read.HasValue ? read.Value : null;
            var current = pointer?.GetInt32("Version") ?? 0;
            var currentSubmission = pointer?.GetString("SubmissionId");
            if (currentSubmission == report.SubmissionId)
            {
                // A retry after the switch: nothing to do, same answer as the first time.
                return new VersionSwitch(current, pointer!.GetString("PreviousSubmissionId"));
            }
            if (report.Resumed && attempt == 0 && await SwitchedEarlierAsync(report, current, cancellationToken) is { } earlier)
            {
                // A resumed submission that was switched and already superseded by a later one: not a new version.
                return earlier;
            }
            var reservedBy = pointer?.GetString("PendingSubmissionId");
            var reservedAt = pointer?.GetDateTimeOffset("PendingSinceUtc") ?? default;
            if (reservedBy is not null && reservedBy != report.SubmissionId && time.GetUtcNow() - reservedAt < ReservationTimeout)
            {
                // Another upload of this unit is between its values and its switch: wait for it.
                await Task.Delay(10 + Random.Shared.Next(20 + Math.Min(attempt, 20) * 5), cancellationToken);
                continue;
            }

            var reserved = pointer is null ? new TableEntity(period, report.UnitCode) { ["Version"] = 0 } : Clone(pointer);
            reserved["PendingSubmissionId"] = report.SubmissionId;
            reserved["PendingSinceUtc"] = time.GetUtcNow();
            ETag etag;
            try
            {
                etag = pointer is null
                    ? (await Current.AddEntityAsync(reserved, cancellationToken)).Headers.ETag ?? default
                    : (await Current.UpdateEntityAsync(reserved, pointer.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            var version = current + 1;
            // Ours by reservation: an orphan left here by a crashed upload is overwritten.
            await Values.UpsertEntityAsync(ToValuesEntity(report, version), TableUpdateMode.Replace, cancellationToken);
            crashPoints.Reached(Reliability.CrashStep.ValuesWritten);

            var next = new TableEntity(period, report.UnitCode)
            {
                ["Version"] = version,
                ["SubmissionId"] = report.SubmissionId,
                ["PreviousSubmissionId"] = currentSubmission,
                ["ContentHash"] = report.ContentHash,
                ["ReceivedUtc"] = report.ReceivedUtc,
                ["Late"] = report.Late,
                ["CatalogueVersion"] = report.CatalogueVersion,
            };
            try
            {
                await Current.UpdateEntityAsync(next, etag, TableUpdateMode.Replace, cancellationToken);
                return new VersionSwitch(version, currentSubmission);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Our reservation was taken over (we were slower than the timeout): start again from the pointer.
            }
        }
    }

    private async Task<VersionSwitch?> SwitchedEarlierAsync(NewReportVersion report, int current, CancellationToken cancellationToken)
    {
        var period = report.Period.ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {period} and RowKey gt {report.UnitCode + "_v"} and RowKey lt {report.UnitCode + "_w"} and SubmissionId eq {report.SubmissionId}");
        await foreach (var e in Values.QueryAsync<TableEntity>(filter, select: ["Version"], cancellationToken: cancellationToken))
        {
            if ((e.GetInt32("Version") ?? 0) is var v && v > 0 && v <= current)
            {
                return new VersionSwitch(v, null);
            }
        }
        return null;
    }

    /// <summary>How long a reservation holds before another upload of the unit may take it over.</summary>
    public static readonly TimeSpan ReservationTimeout = TimeSpan.FromSeconds(30);

    private static TableEntity Clone(TableEntity e)
    {
        var copy = new TableEntity(e.PartitionKey, e.RowKey);
        foreach (var (k, v) in e)
        {
            if (k is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp"))
            {
                copy[k] = v;
            }
        }
        return copy;
    }

    /// <summary>The submission that is the unit's current version of a quarter, if any.</summary>
    public async Task<string?> CurrentSubmissionAsync(PeriodKey quarter, string unitCode, CancellationToken cancellationToken)
    {
        var read = await Current.GetEntityIfExistsAsync<TableEntity>(quarter.ToString(), unitCode, select: ["SubmissionId"], cancellationToken: cancellationToken);
        return read.HasValue ? read.Value!.GetString("SubmissionId") : null;
    }

    /// <summary>The numbers of a unit's current version of a quarter (a unit's history), or null when it has none.</summary>
    public async Task<IReadOnlyDictionary<string, long?>?> CurrentNumbersAsync(PeriodKey quarter, string unitCode, CancellationToken cancellationToken)
    {
        var pointer = await Current.GetEntityIfExistsAsync<TableEntity>(quarter.ToString(), unitCode, select: ["Version", "SubmissionId"], cancellationToken: cancellationToken);
        // A pointer holding only a reservation (version 0) has no report yet.
        var version = pointer.HasValue ? pointer.Value!.GetInt32("Version") ?? 0 : 0;
        if (version <= 0)
        {
            return null;
        }
        var values = await Values.GetEntityIfExistsAsync<TableEntity>(quarter.ToString(), ValuesRowKey(unitCode, version), cancellationToken: cancellationToken);
        return values.HasValue && values.Value!.GetString("SubmissionId") == pointer.Value!.GetString("SubmissionId")
            ? ToUnitReport(quarter, values.Value, new Dictionary<string, string>(StringComparer.Ordinal), withTexts: false).Numbers
            : null;
    }

    private static TableEntity ToValuesEntity(NewReportVersion report, int version)
    {
        var e = new TableEntity(report.Period.ToString(), ValuesRowKey(report.UnitCode, version))
        {
            ["UnitCode"] = report.UnitCode,
            ["Version"] = version,
            ["SubmissionId"] = report.SubmissionId,
            ["ContentHash"] = report.ContentHash,
            ["ReceivedUtc"] = report.ReceivedUtc,
            ["Late"] = report.Late,
            ["CatalogueVersion"] = report.CatalogueVersion,
        };
        foreach (var v in report.Values)
        {
            if (v.Number is { } n)
            {
                e["N_" + v.IndicatorCode] = n;
            }
            else if (!string.IsNullOrEmpty(v.Text))
            {
                e["T_" + v.IndicatorCode] = v.Text.Length > MaxTextChars ? v.Text[..MaxTextChars] : v.Text;
            }
        }
        return e;
    }

    /// <summary>The current report of every unit for one quarter.</summary>
    /// <param name="withTexts">
    /// False for quarters read only for comparisons: their narratives are never shown, and at national scale they are
    /// most of the memory a year's consolidation holds.
    /// </param>
    public async Task<IReadOnlyList<UnitReport>> CurrentReportsAsync(PeriodKey quarter, CancellationToken cancellationToken, bool withTexts = true)
    {
        var period = quarter.ToString();
        var current = new Dictionary<string, (int Version, string? SubmissionId)>(StringComparer.Ordinal);
        await foreach (var p in Current.QueryAsync<TableEntity>(x => x.PartitionKey == period, select: ["RowKey", "Version", "SubmissionId"], cancellationToken: cancellationToken))
        {
            // A pointer holding only a reservation (version 0) has no report yet.
            if ((p.GetInt32("Version") ?? 0) > 0)
            {
                current[p.RowKey] = (p.GetInt32("Version") ?? 0, p.GetString("SubmissionId"));
            }
        }
        var reports = new List<UnitReport>(current.Count);
        if (current.Count == 0)
        {
            return reports;
        }
        // One string per indicator code for the whole read, not one per unit: ~100,000 reports share 40 codes.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in Values.QueryAsync<TableEntity>(x => x.PartitionKey == period, cancellationToken: cancellationToken))
        {
            var unit = e.GetString("UnitCode") ?? "";
            if (!current.TryGetValue(unit, out var pointer) || (e.GetInt32("Version") ?? -1) != pointer.Version || e.GetString("SubmissionId") != pointer.SubmissionId)
            {
                continue;
            }
            reports.Add(ToUnitReport(quarter, e, codes, withTexts));
        }
        return reports;
    }

    private static UnitReport ToUnitReport(PeriodKey quarter, TableEntity e, Dictionary<string, string> codes, bool withTexts)
    {
        var numbers = new Dictionary<string, long?>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
        {
            if (key.StartsWith("N_", StringComparison.Ordinal))
            {
                numbers[Code(key)] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
            else if (withTexts && key.StartsWith("T_", StringComparison.Ordinal) && value is string s)
            {
                texts[Code(key)] = s;
            }
        }

        string Code(string key)
        {
            if (!codes.TryGetValue(key, out var code))
            {
                codes[key] = code = key[2..];
            }
            return code;
        }
        return new UnitReport(
            e.GetString("UnitCode") ?? "",
            quarter,
            e.GetInt32("Version") ?? 0,
            e.GetInt32("CatalogueVersion") ?? 1,
            e.GetString("SubmissionId") ?? "",
            e.GetString("ContentHash") ?? "",
            e.GetDateTimeOffset("ReceivedUtc") ?? default,
            e.GetBoolean("Late") ?? false,
            numbers,
            texts);
    }
}

public sealed record NewReportVersion(
    PeriodKey Period,
    string UnitCode,
    string SubmissionId,
    string ContentHash,
    DateTimeOffset ReceivedUtc,
    bool Late,
    int CatalogueVersion,
    IReadOnlyList<ReportValue> Values)
{
    /// <summary>A later attempt at the same submission (after a crash or a lost claim).</summary>
    public bool Resumed { get; init; }
}

/// <summary>The version a report became, and the submission it replaced (null for the first).</summary>
public sealed record VersionSwitch(int Version, string? SupersededSubmissionId);
