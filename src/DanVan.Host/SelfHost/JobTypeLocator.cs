using Microsoft.Azure.WebJobs;

namespace DanVan.Host.SelfHost;

/// <summary>Names the job classes explicitly: the entry assembly is a test runner when tests host the pipeline.</summary>
internal sealed class JobTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(IngestUploadJob), typeof(ConsolidateOnScheduleJob), typeof(ConsolidateNightlyJob), typeof(ConsolidatePendingJob), typeof(IngestQueuedJob), typeof(ReconcileUploadsJob), typeof(RemindDailyJob)];
}
