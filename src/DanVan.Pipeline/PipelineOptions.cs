namespace DanVan.Pipeline;

/// <summary>Settings of the pipeline; bound from configuration section "DanVan".</summary>
public sealed class PipelineOptions
{
    public string? StorageConnectionString { get; set; }
}
