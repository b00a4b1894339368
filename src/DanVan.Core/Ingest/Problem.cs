using DanVan.Core.Catalogue;

namespace DanVan.Core.Ingest;

/// <summary>
/// One problem found in an upload. <see cref="MessageVi"/> is what the uploader reads;
/// <see cref="Code"/> is a stable English identifier for logs and tests (e.g. "not-a-number").
/// </summary>
public sealed record Problem(
    Severity Severity,
    string Code,
    string MessageVi,
    string? Sheet = null,
    string? Cell = null,
    string? IndicatorCode = null)
{
    /// <summary>For a value far from the unit's history: the figures it was compared with.</summary>
    public HistoryFigures? History { get; init; }
}
