using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Pipeline;

public static class PipelineServices
{
    /// <summary>Registers storage and the application services both hosts call.</summary>
    public static IServiceCollection AddDanVanPipeline(this IServiceCollection services, string storageConnectionString)
    {
        services.AddSingleton(new PipelineOptions { StorageConnectionString = storageConnectionString });
        services.AddSingleton<IngestService>();
        services.AddSingleton<ConsolidationService>();
        services.AddSingleton<ScheduledConsolidation>();
        return services;
    }
}
