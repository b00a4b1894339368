using DanVan.Core.Ingest;

namespace DanVan.Pipeline;

/// <summary>Ingestion settings (configuration section "DanVan:Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "DanVan:Ingest";

    /// <summary>Attempts for a fault that is not the file's before the upload is marked "lỗi hệ thống".</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a worker's claim on a submission holds; a crashed worker's upload is taken over after it.</summary>
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>Reconciliation leaves blobs younger than this to the normal delivery (queue, blob trigger, Event Grid).</summary>
    public int ReconcileGraceSeconds { get; set; } = 15;

    public long MaxFileBytes { get; set; } = new IngestLimits().MaxFileBytes;
    public long MaxUncompressedBytes { get; set; } = new IngestLimits().MaxUncompressedBytes;
    public long MaxCells { get; set; } = new IngestLimits().MaxCells;

    public IngestLimits Limits => new() { MaxFileBytes = MaxFileBytes, MaxUncompressedBytes = MaxUncompressedBytes, MaxCells = MaxCells };
}
