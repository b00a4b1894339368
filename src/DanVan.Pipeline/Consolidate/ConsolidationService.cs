using System.Reflection;
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
    AggregateStore aggregates,
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
        var reportReads = quarters.Select(q => reports.CurrentReportsAsync(q, cancellationToken, withTexts: period.Quarters.Contains(q))).ToArray();
        var submissionReads = period.Quarters.Select(q => submissions.RecordsAsync(q, cancellationToken)).ToArray();
        var loaded = (await Task.WhenAll(reportReads)).SelectMany(r => r).ToList();
        var records = (await Task.WhenAll(submissionReads)).SelectMany(r => r).ToList();

        progress?.Report($"Đang tổng hợp {loaded.Count} báo cáo…");
        var input = new ConsolidationInput(reportingPeriod, reference.Registry, reference.Calendar, reference.Catalogues, loaded, records, time.GetUtcNow(), CodeVersion);
        var result = Consolidator.Consolidate(input);

        progress?.Report("Đang lưu số liệu tổng hợp…");
        await aggregates.ReplaceAsync(period, result.Aggregates, cancellationToken);

        progress?.Report("Đang lập báo cáo tổng hợp (Excel)…");
        using var buffer = new MemoryStream();
        SummaryWorkbook.Write(result, buffer);
        var (version, changed) = await publications.PublishAsync(period, result.Fingerprint, new BinaryData(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), cancellationToken,
            DanVan.Core.Publish.VnText.CompletenessLine(result.Completeness));
        if (changed)
        {
            await audit.AppendAsync(period.ToString(), "published", null, PublicationStore.VersionName(period, version), $"fingerprint={result.Fingerprint}", cancellationToken);
        }
        logger.Consolidated(period.ToString(), result.Completeness.Received, result.Completeness.Expected, version, changed);
        return new PublishOutcome(period, PublicationStore.LatestName(period), PublicationStore.VersionName(period, version), version, changed, result.Completeness);
    }
}

/// <summary>Where the consolidated workbook is, and whether this run wrote a new version.</summary>
public sealed record PublishOutcome(PeriodKey Period, string LatestBlobName, string VersionBlobName, int Version, bool Changed, Completeness Completeness);
