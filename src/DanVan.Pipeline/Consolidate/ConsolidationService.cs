using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Consolidate;

/// <summary>Consolidates a period from storage and publishes its workbook.</summary>
public sealed class ConsolidationService
{
    public Task<PublishOutcome> ConsolidateAsync(PeriodKey period, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}

/// <summary>Where the consolidated workbook is, and whether this run wrote a new version.</summary>
public sealed record PublishOutcome(PeriodKey Period, string LatestBlobName, string VersionBlobName, int Version, bool Changed);
