using DanVan.Core.Catalogue;
using DanVan.Core.Templates;

namespace DanVan.Core.Ingest;

/// <summary>
/// Finds input cells without defined names: the template writes each input row's indicator code in a hidden
/// column of the report sheet (<see cref="TemplateNames.CodeColumn"/>); numbers are in column D of that row,
/// narratives in column B. Rows a user inserts move the code with its row, as they move a name.
/// </summary>
internal static class CodeColumn
{
    public static Dictionary<string, SheetCell> Locate(IWorkbookReader reader, IndicatorCatalogue catalogue)
    {
        var inputs = catalogue.Inputs.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var found = new Dictionary<string, SheetCell>(StringComparer.Ordinal);
        // The report sheet first; a renamed one is still found among the others.
        var sheets = reader.SheetNames
            .Where(n => !string.Equals(n, TemplateNames.IdentitySheet, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => string.Equals(n, TemplateNames.ReportSheet, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
        foreach (var sheet in sheets)
        {
            var cells = reader.ReadCells(sheet, a => a.Column == TemplateNames.CodeColumn);
            foreach (var (address, content) in cells.OrderBy(c => c.Key.Row))
            {
                if (content.Kind == CellKind.Text && inputs.TryGetValue(content.Text.Trim(), out var indicator) && !found.ContainsKey(indicator.Code))
                {
                    var column = indicator.Kind == IndicatorKind.Text ? TemplateNames.TextInputColumn : TemplateNames.NumberInputColumn;
                    found[indicator.Code] = new SheetCell(sheet, new CellAddress(address.Row, column));
                }
            }
            if (found.Count == inputs.Count)
            {
                break;
            }
        }
        return found;
    }
}
