namespace DanVan.Core.Ingest;

/// <summary>
/// What the checker needs of a workbook, whatever its format: sheets by name, defined names (none in an .xls read
/// through ExcelDataReader), document properties, and a bounded read of only the cells asked for.
/// </summary>
internal interface IWorkbookReader : IDisposable
{
    /// <summary>The sheet's name as the file spells it, or null when there is no such sheet (names compare case-insensitively).</summary>
    string? SheetName(string name);

    /// <summary>Every sheet, in workbook order.</summary>
    IReadOnlyList<string> SheetNames { get; }

    IReadOnlyDictionary<string, string> DefinedNames { get; }

    Dictionary<string, string> CustomProperties();

    /// <summary>Counts every sheet's cells against the budget before anything else reads the file.</summary>
    void EnforceCellBudget();

    /// <summary>The wanted cells of one sheet; a wanted cell absent from the file is absent from the answer.</summary>
    Dictionary<CellAddress, CellContent> ReadCells(string sheet, Func<CellAddress, bool> wanted);
}
