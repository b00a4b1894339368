namespace DanVan.Core.Ingest;

public enum CellKind
{
    Blank,
    Number,
    Text,
    Boolean,
    Error,
    /// <summary>A formula whose result the saving program did not store.</summary>
    FormulaWithoutValue,
}

/// <summary>What one cell holds, as stored in the file (text already NFC; legacy repair happens later).</summary>
public sealed record CellContent(CellKind Kind, double Number, string Text, bool HasFormula)
{
    public static CellContent Blank { get; } = new(CellKind.Blank, 0, string.Empty, false);
}
