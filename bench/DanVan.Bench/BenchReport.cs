namespace DanVan.Bench;

/// <summary>Everything one run measured, printed as JSON at the end.</summary>
public sealed record BenchReport(Machine Machine, bool Quick, IngestResult? Ingest, IReadOnlyList<ConsolidationRun>? Consolidation);
