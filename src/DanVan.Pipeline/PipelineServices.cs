using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DanVan.Pipeline;

public static class PipelineServices
{
    /// <summary>Registers storage and the application services both hosts call.</summary>
    public static IServiceCollection AddDanVanPipeline(this IServiceCollection services, string storageConnectionString, IngestOptions? ingest = null)
    {
        return services.AddDanVanPipeline(new DanVanStorage(storageConnectionString), ingest);
    }

    /// <summary>The same, over storage clients built elsewhere (e.g. identity-based in Azure).</summary>
    public static IServiceCollection AddDanVanPipeline(this IServiceCollection services, DanVanStorage storage, IngestOptions? ingest = null)
    {
        services.AddSingleton(ingest ?? new IngestOptions());
        services.AddSingleton(storage);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ReferenceData.Default);
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ArchiveStore>();
        services.AddSingleton<ReopeningStore>();
        services.AddSingleton<PublicationStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PendingConsolidations>();
        services.AddSingleton<Access.AccessKeyStore>();
        services.TryAddSingleton<Reliability.ICrashPoints, Reliability.NoCrashPoints>();
        services.AddSingleton<UploadReceiptStore>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<UploadReconciliation>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<ConsolidationService>();
        services.AddSingleton<ScheduledConsolidation>();
        services.AddSingleton<Status.StatusService>();
        return services;
    }
}
