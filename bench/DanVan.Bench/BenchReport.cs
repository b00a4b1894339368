namespace DanVan.Bench;

/// <summary>Everything one run measured, printed as JSON at the end.</summary>
public sealed record BenchReport(Machine Machine, bool Quick, IngestResult? Ingest, IReadOnlyList<ConsolidationRun>? Consolidation)
{
    /// <summary>Issue #15: a year at national scale (eight quarters seeded), the year period then its last quarter.</summary>
    public YearResult? Year { get; init; }

    /// <summary>Issue #15: the deadline rush through the portal of `danvan serve`.</summary>
    public RushResult? Rush { get; init; }

    /// <summary>Load average (1, 5, 15 min) at the start and at the end of the run: the machine is shared.</summary>
    public string? LoadAtStart { get; init; }

    public string? LoadAtEnd { get; init; }
}
