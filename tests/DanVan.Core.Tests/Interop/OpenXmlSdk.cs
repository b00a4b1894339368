using System.Globalization;
using DanVan.Core.Ingest;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DanVan.Core.Tests.Interop;

/// <summary>The OpenXML SDK (DocumentFormat.OpenXml 2.20): its schema validator, and reading cells through its typed API.</summary>
public static class OpenXmlSdk
{
    /// <summary>Every schema and semantic error the validator finds, as "part xpath: description".</summary>
    public static List<string> Validate(byte[] workbook)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return new OpenXmlValidator(FileFormatVersions.Office2013).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    public static WorkbookRead Read(byte[] workbook, IEnumerable<string> names, IEnumerable<string> cells)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        var strings = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().ToList() ?? [];
        var defined = wb.Workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.LocalSheetId is null)
            .ToDictionary(d => d.Name!.Value!, d => d.Text, StringComparer.Ordinal) ?? [];

        string? At(string sheetName, string reference)
        {
            var sheet = sheets.Single(s => s.Name == sheetName);
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            var cell = part.Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);
            if (cell is null)
            {
                return null;
            }
            var raw = cell.CellValue?.Text;
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
            {
                if (raw is null)
                {
                    return null;
                }
                return WorkbookRead.Blank(Text(strings[int.Parse(raw, CultureInfo.InvariantCulture)]));
            }
            if (type == CellValues.InlineString)
            {
                return WorkbookRead.Blank(cell.InlineString is null ? null : Text(cell.InlineString));
            }
            if (type is null || type == CellValues.Number)
            {
                return raw is null ? null : WorkbookRead.Number(double.Parse(raw, CultureInfo.InvariantCulture));
            }
            return WorkbookRead.Blank(raw);
        }

        return new WorkbookRead(
            sheets.Select(s => (s.Name!.Value!, s.State is not null && s.State.Value != SheetStateValues.Visible)).ToList(),
            names.ToDictionary(n => n, n =>
            {
                var target = SheetCell.Parse(defined[n]) ?? throw new InvalidOperationException($"Unreadable name {n}: {defined[n]}");
                return At(target.Sheet, target.Address.ToString());
            }, StringComparer.Ordinal),
            cells.ToDictionary(c => c, c => At(c[..c.LastIndexOf('!')], c[(c.LastIndexOf('!') + 1)..]), StringComparer.Ordinal));
    }

    /// <summary>The text of a string item: plain or rich runs, without phonetic hints.</summary>
    private static string Text(OpenXmlElement item) =>
        string.Concat(item.ChildElements.Select(e => e switch
        {
            DocumentFormat.OpenXml.Spreadsheet.Text t => t.Text,
            Run r => r.Text?.Text ?? string.Empty,
            _ => string.Empty,
        }));
}
