using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DanVan.Pipeline;

public static class PipelineServices
{
    /// <summary>Registers storage and the application services both hosts call.</summary>
    public static IServiceCollection AddDanVanPipeline(this IServiceCollection services, string storageConnectionString, IngestOptions? ingest = null)
    {
        return services.AddDanVanPipeline(new DanVanStorage(storageConnectionString), ingest);
    }

    /// <summary>
    /// The same, over storage clients built elsewhere (e.g. identity-based in Azure). Settings are bound from the
    /// host's configuration (section <see cref="IngestOptions.Section"/>) unless <paramref name="ingest"/> fixes them,
    /// and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddDanVanPipeline(this IServiceCollection services, DanVanStorage storage, IngestOptions? ingest = null)
    {
        // Hosts register their configuration first; a bare service collection (CLI verbs, tests) reads defaults.
        services.TryAddSingleton<IConfiguration>(_ => new ConfigurationBuilder().Build());
        var options = services.AddOptions<IngestOptions>();
        if (ingest is null)
        {
            options.BindConfiguration(IngestOptions.Section);
        }
        else
        {
            options.Configure(o =>
            {
                o.MaxAttempts = ingest.MaxAttempts;
                o.MaxFileBytes = ingest.MaxFileBytes;
                o.MaxUncompressedBytes = ingest.MaxUncompressedBytes;
                o.MaxCells = ingest.MaxCells;
                o.MemoryBudgetMb = ingest.MemoryBudgetMb;
                o.OversizeQuotaMbPerUnit = ingest.OversizeQuotaMbPerUnit;
                o.MaxPartBytes = ingest.MaxPartBytes;
                o.MaxParts = ingest.MaxParts;
                o.MaxXmlDepth = ingest.MaxXmlDepth;
                o.MaxSheets = ingest.MaxSheets;
                o.MaxDefinedNames = ingest.MaxDefinedNames;
                o.MaxStyleEntries = ingest.MaxStyleEntries;
            });
        }
        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<IngestOptions>>().Value);
        services.AddSingleton(storage);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ReferenceData.Default);
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ArchiveStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<AggregateStore>();
        services.AddSingleton<ReopeningStore>();
        services.AddSingleton<PublicationStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PendingConsolidations>();
        services.AddSingleton<Access.AccessKeyStore>();
        services.AddSingleton<Access.SessionStore>();
        services.TryAddSingleton<Reliability.ICrashPoints, Reliability.NoCrashPoints>();
        services.AddSingleton<UploadReceiptStore>();
        services.AddSingleton<IngestMemoryBudget>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<UploadReconciliation>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<ConsolidationService>();
        services.AddSingleton<ScheduledConsolidation>();
        services.AddSingleton<Status.StatusService>();
        services.AddSingleton<Followup.ReminderService>();
        return services;
    }
}
