using System.ComponentModel.DataAnnotations;
using DanVan.Core.Ingest;

namespace DanVan.Pipeline;

/// <summary>
/// Ingestion settings (configuration section "DanVan:Ingest"), bound and validated once by
/// <see cref="PipelineServices.AddDanVanPipeline(Microsoft.Extensions.DependencyInjection.IServiceCollection, Storage.DanVanStorage, IngestOptions?)"/>:
/// a value out of range stops the host at start, naming the setting.
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "DanVan:Ingest";

    /// <summary>Attempts for a fault that is not the file's before the upload is marked "lỗi hệ thống".</summary>
    [Range(1, 100, ErrorMessage = Section + ":" + nameof(MaxAttempts) + " must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a worker's claim on a submission holds; a crashed worker's upload is taken over after it.</summary>
    [Range(1, 3600, ErrorMessage = Section + ":" + nameof(ClaimSeconds) + " must be between {1} and {2}.")]
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>Reconciliation leaves blobs younger than this to the normal delivery (queue, blob trigger, Event Grid).</summary>
    [Range(0, 3600, ErrorMessage = Section + ":" + nameof(ReconcileGraceSeconds) + " must be between {1} and {2}.")]
    public int ReconcileGraceSeconds { get; set; } = 15;

    [Range(1L, long.MaxValue, ErrorMessage = Section + ":" + nameof(MaxFileBytes) + " must be at least {1}.")]
    public long MaxFileBytes { get; set; } = new IngestLimits().MaxFileBytes;

    [Range(1L, long.MaxValue, ErrorMessage = Section + ":" + nameof(MaxUncompressedBytes) + " must be at least {1}.")]
    public long MaxUncompressedBytes { get; set; } = new IngestLimits().MaxUncompressedBytes;

    [Range(1L, long.MaxValue, ErrorMessage = Section + ":" + nameof(MaxCells) + " must be at least {1}.")]
    public long MaxCells { get; set; } = new IngestLimits().MaxCells;

    /// <summary>Memory all ingests of one process may hold together (<see cref="Ingest.IngestMemoryBudget"/>); an upload waits for its share.</summary>
    [Range(64, 65_536, ErrorMessage = Section + ":" + nameof(MemoryBudgetMb) + " must be between {1} and {2}.")]
    public int MemoryBudgetMb { get; set; } = 512;

    /// <summary>Archive space one unit's files over <see cref="MaxFileBytes"/> may take; beyond it they are refused and not archived.</summary>
    [Range(0, 1_000_000, ErrorMessage = Section + ":" + nameof(OversizeQuotaMbPerUnit) + " must be between {1} and {2}.")]
    public int OversizeQuotaMbPerUnit { get; set; } = 200;

    // The package inspection's structural limits (docs/templates-and-validation.md): defaults fit any program's way
    // of saving a report with room to spare; settings so an operator can tighten or loosen one without a release.

    [Range(1024L, long.MaxValue, ErrorMessage = Section + ":" + nameof(MaxPartBytes) + " must be at least {1}.")]
    public long MaxPartBytes { get; set; } = new IngestLimits().MaxPartBytes;

    [Range(10, 100_000, ErrorMessage = Section + ":" + nameof(MaxParts) + " must be between {1} and {2}.")]
    public int MaxParts { get; set; } = new IngestLimits().MaxParts;

    [Range(16, 1_000, ErrorMessage = Section + ":" + nameof(MaxXmlDepth) + " must be between {1} and {2}.")]
    public int MaxXmlDepth { get; set; } = new IngestLimits().MaxXmlDepth;

    [Range(1, 10_000, ErrorMessage = Section + ":" + nameof(MaxSheets) + " must be between {1} and {2}.")]
    public int MaxSheets { get; set; } = new IngestLimits().MaxSheets;

    [Range(100, 1_000_000, ErrorMessage = Section + ":" + nameof(MaxDefinedNames) + " must be between {1} and {2}.")]
    public int MaxDefinedNames { get; set; } = new IngestLimits().MaxDefinedNames;

    [Range(100, 1_000_000, ErrorMessage = Section + ":" + nameof(MaxStyleEntries) + " must be between {1} and {2}.")]
    public int MaxStyleEntries { get; set; } = new IngestLimits().MaxStyleEntries;

    public IngestLimits Limits => new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxUncompressedBytes = MaxUncompressedBytes,
        MaxCells = MaxCells,
        MaxPartBytes = MaxPartBytes,
        MaxParts = MaxParts,
        MaxXmlDepth = MaxXmlDepth,
        MaxSheets = MaxSheets,
        MaxDefinedNames = MaxDefinedNames,
        MaxStyleEntries = MaxStyleEntries,
    };
}
