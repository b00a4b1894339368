namespace DanVan.Pipeline.Consolidate;

/// <summary>What the timers call: consolidates the periods due by the regime's calendar.</summary>
public sealed class ScheduledConsolidation
{
    /// <summary>After each deadline: the periods whose consolidation instant fell since the last run.</summary>
    public Task<IReadOnlyList<PublishOutcome>> RunDueAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Nightly: open periods, for late and corrected reports.</summary>
    public Task<IReadOnlyList<PublishOutcome>> RunNightlyAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
