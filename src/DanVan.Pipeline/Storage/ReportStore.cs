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
public sealed class ReportStore(DanVanStorage storage)
{
    private const int MaxTextChars = 30_000;

    private TableClient Values => storage.Table(StorageNames.Values);

    private TableClient Current => storage.Table(StorageNames.Current);

    public static string ValuesRowKey(string unit, int version) =>
        unit + "_v" + version.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores a new version and makes it current. Two racing uploads for one unit each get their own
    /// version number; neither overwrites the other's values, and the pointer only moves forward.
    /// </summary>
    public async Task<VersionSwitch> AddVersionAsync(NewReportVersion report, CancellationToken cancellationToken)
    {
        var period = report.Period.ToString();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var pointer = await Current.GetEntityIfExistsAsync<TableEntity>(period, report.UnitCode, cancellationToken: cancellationToken);
            var previous = pointer.HasValue ? pointer.Value!.GetInt32("Version") ?? 0 : 0;
            var previousSubmission = pointer.HasValue ? pointer.Value!.GetString("SubmissionId") : null;
            var version = previous + 1;
            try
            {
                await Values.AddEntityAsync(ToValuesEntity(report, version), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another upload holds this version number; its pointer move is imminent.
                await Task.Delay(20 + Random.Shared.Next(30), cancellationToken);
                continue;
            }

            var next = new TableEntity(period, report.UnitCode)
            {
                ["Version"] = version,
                ["SubmissionId"] = report.SubmissionId,
                ["ContentHash"] = report.ContentHash,
                ["ReceivedUtc"] = report.ReceivedUtc,
                ["Late"] = report.Late,
                ["CatalogueVersion"] = report.CatalogueVersion,
            };
            try
            {
                if (pointer.HasValue)
                {
                    await Current.UpdateEntityAsync(next, pointer.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Current.AddEntityAsync(next, cancellationToken);
                }
                return new VersionSwitch(version, previousSubmission);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Lost the race after writing values: those values stay, unreferenced by the pointer; take the next number.
                await Values.DeleteEntityAsync(period, ValuesRowKey(report.UnitCode, version), ETag.All, cancellationToken);
            }
        }
        throw new InvalidOperationException($"Could not switch the current version of {report.UnitCode} for {period} after 50 attempts.");
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
    public async Task<IReadOnlyList<UnitReport>> CurrentReportsAsync(PeriodKey quarter, CancellationToken cancellationToken)
    {
        var period = quarter.ToString();
        var current = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var p in Current.QueryAsync<TableEntity>(x => x.PartitionKey == period, select: ["RowKey", "Version"], cancellationToken: cancellationToken))
        {
            current[p.RowKey] = p.GetInt32("Version") ?? 0;
        }
        var reports = new List<UnitReport>(current.Count);
        if (current.Count == 0)
        {
            return reports;
        }
        await foreach (var e in Values.QueryAsync<TableEntity>(x => x.PartitionKey == period, cancellationToken: cancellationToken))
        {
            var unit = e.GetString("UnitCode") ?? "";
            if (!current.TryGetValue(unit, out var version) || (e.GetInt32("Version") ?? -1) != version)
            {
                continue;
            }
            reports.Add(ToUnitReport(quarter, e));
        }
        return reports;
    }

    private static UnitReport ToUnitReport(PeriodKey quarter, TableEntity e)
    {
        var numbers = new Dictionary<string, long?>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
        {
            if (key.StartsWith("N_", StringComparison.Ordinal))
            {
                numbers[key[2..]] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
            else if (key.StartsWith("T_", StringComparison.Ordinal) && value is string s)
            {
                texts[key[2..]] = s;
            }
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
    IReadOnlyList<ReportValue> Values);

/// <summary>The version a report became, and the submission it replaced (null for the first).</summary>
public sealed record VersionSwitch(int Version, string? SupersededSubmissionId);
