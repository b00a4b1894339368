namespace DanVan.Core.Consolidate;

/// <summary>
/// One consolidated figure, persisted flat to the Aggregates table. <see cref="Scope"/> follows <see cref="Scopes"/>.
/// Counts and snapshots: <see cref="Value"/> is the sum (null when no unit in the scope reported it).
/// Ratios: <see cref="Numerator"/> and <see cref="Denominator"/> are the summed inputs and <see cref="Value"/> the
/// percentage recomputed from them, rounded to one decimal; null when the denominator is 0 or unknown (shown "—").
/// </summary>
public sealed record AggregateRow(
    string Scope,
    string ScopeNameVi,
    string IndicatorCode,
    decimal? Value,
    long? Numerator,
    long? Denominator);
