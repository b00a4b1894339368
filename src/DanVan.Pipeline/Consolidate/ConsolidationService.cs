using System.Reflection;
using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using DanVan.Core.Publish;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline.Consolidate;

/// <summary>
/// Consolidates one period from storage (current reports of its quarters, the previous quarter and the same
/// quarters last year; every submission of its quarters), stores the aggregates and publishes the workbook
/// when its content changed. Idempotent: a second run with the same data changes nothing.
/// </summary>
public sealed class ConsolidationService(
    DanVanStorage storage,
    ReportStore reports,
    SubmissionStore submissions,
    PublicationStore publications,
    AuditLog audit,
    ReferenceData reference,
    TimeProvider time,
    ILogger<ConsolidationService> logger)
{
    public static string CodeVersion { get; } =
        typeof(ConsolidationService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public async Task<PublishOutcome> ConsolidateAsync(PeriodKey period, CancellationToken cancellationToken, IProgress<string>? progress = null)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var reportingPeriod = reference.Calendar.Get(period);
        var quarters = period.Quarters
            .Append(period.PreviousQuarter)
            .Concat(period.SamePeriodLastYear.Quarters)
            .Distinct()
            .ToArray();

        progress?.Report("Đang đọc báo cáo của các đơn vị…");
        // Each quarter is its own partition: read them side by side.
        var reportReads = quarters.Select(q => reports.CurrentReportsAsync(q, cancellationToken)).ToArray();
        var submissionReads = period.Quarters.Select(q => submissions.RecordsAsync(q, cancellationToken)).ToArray();
        var loaded = (await Task.WhenAll(reportReads)).SelectMany(r => r).ToList();
        var records = (await Task.WhenAll(submissionReads)).SelectMany(r => r).ToList();

        progress?.Report($"Đang tổng hợp {loaded.Count} báo cáo…");
        var input = new ConsolidationInput(reportingPeriod, reference.Registry, reference.Calendar, reference.Catalogues, loaded, records, time.GetUtcNow(), CodeVersion);
        var result = Consolidator.Consolidate(input);

        progress?.Report("Đang lưu số liệu tổng hợp…");
        await SaveAggregatesAsync(period, result, cancellationToken);

        progress?.Report("Đang lập báo cáo tổng hợp (Excel)…");
        using var buffer = new MemoryStream();
        SummaryWorkbook.Write(result, buffer);
        var (version, changed) = await publications.PublishAsync(period, result.Fingerprint, new BinaryData(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), cancellationToken);
        if (changed)
        {
            await audit.AppendAsync(period.ToString(), "published", null, PublicationStore.VersionName(period, version), $"fingerprint={result.Fingerprint}", cancellationToken);
        }
        logger.LogInformation("Consolidated {Period}: {Received}/{Expected} reports, workbook version {Version} (changed: {Changed})",
            period.ToString(), result.Completeness.Received, result.Completeness.Expected, version, changed);
        return new PublishOutcome(period, PublicationStore.LatestName(period), PublicationStore.VersionName(period, version), version, changed, result.Completeness);
    }

    private async Task SaveAggregatesAsync(PeriodKey period, ConsolidationResult result, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.Aggregates);
        var partition = period.ToString();
        var fresh = result.Aggregates.Select(a =>
        {
            var e = new TableEntity(partition, RowKeyFor(a.Scope, a.IndicatorCode))
            {
                ["Scope"] = a.Scope,
                ["ScopeName"] = a.ScopeNameVi,
                ["Indicator"] = a.IndicatorCode,
                // Azure Tables has no decimal: ratios (one decimal) fit a double exactly enough to show.
                ["Value"] = a.Value is { } v ? (double)v : null,
                ["Numerator"] = a.Numerator,
                ["Denominator"] = a.Denominator,
            };
            return (ITableEntity)e;
        }).ToList();
        var keep = fresh.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<ITableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(e.RowKey))
            {
                stale.Add(e);
            }
        }
        await TableBatches.UpsertAsync(table, fresh, cancellationToken);
        await TableBatches.DeleteAsync(table, stale, cancellationToken);
    }

    // Row keys may not hold '/', '\\', '#' or '?'.
    private static string RowKeyFor(string scope, string indicator) =>
        string.Concat((scope + "|" + indicator).Select(c => c is '/' or '\\' or '#' or '?' ? '_' : c));
}

/// <summary>Where the consolidated workbook is, and whether this run wrote a new version.</summary>
public sealed record PublishOutcome(PeriodKey Period, string LatestBlobName, string VersionBlobName, int Version, bool Changed, Completeness Completeness);
