using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Tests.Corpus;

/// <summary>How a value lands in a cell: the ways different programs store the same thing.</summary>
public abstract record Entry;

public sealed record NumberEntry(double Value) : Entry;

public sealed record SharedText(string Value) : Entry;

public sealed record InlineText(string Value) : Entry;

/// <summary>A formula; <see cref="Cached"/> null means no stored result (as some generators write).</summary>
public sealed record FormulaEntry(string Formula, double? Cached) : Entry;

public sealed record ErrorEntry(string Error) : Entry;

public sealed record ClearEntry : Entry;

/// <summary>
/// Fills a template the way other tools write xlsx, straight through the OpenXML SDK (no ClosedXML):
/// numbers, shared or inline strings, formulas with or without cached values, error cells. Cells are
/// found by the same defined names the reader uses.
/// </summary>
public static class Filler
{
    public static byte[] Fill(byte[] template, IReadOnlyDictionary<string, object?> values) =>
        Fill(template, values.ToDictionary(kv => kv.Key, kv => ToEntry(kv.Value)));

    public static Entry ToEntry(object? value) => value switch
    {
        null => new ClearEntry(),
        Entry e => e,
        string s => new SharedText(s),
        long l => new NumberEntry(l),
        int i => new NumberEntry(i),
        double d => new NumberEntry(d),
        _ => throw new ArgumentException($"Unsupported {value.GetType()}"),
    };

    public static byte[] Fill(byte[] template, IReadOnlyDictionary<string, Entry> entries)
    {
        using var ms = new MemoryStream();
        ms.Write(template);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var wbPart = doc.WorkbookPart!;
            var names = wbPart.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(d => d.Name!.Value!, d => d.Text);
            foreach (var (code, entry) in entries)
            {
                var target = SheetCell.Parse(names[TemplateNames.ForIndicator(code)])!;
                var sheet = wbPart.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == target.Sheet);
                var part = (WorksheetPart)wbPart.GetPartById(sheet.Id!);
                Write(wbPart, Cell(part, target.Address), entry);
            }
            wbPart.Workbook.CalculationProperties ??= new CalculationProperties();
            wbPart.Workbook.CalculationProperties.FullCalculationOnLoad = true;
        }
        return ms.ToArray();
    }

    private static Cell Cell(WorksheetPart part, CellAddress address)
    {
        var data = part.Worksheet.GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == (uint)address.Row);
        if (row is null)
        {
            row = new Row { RowIndex = (uint)address.Row };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < (uint)address.Row);
            if (after is null) data.PrependChild(row); else data.InsertAfter(row, after);
        }
        var reference = address.ToString();
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var before = row.Elements<Cell>().FirstOrDefault(c => CellAddress.TryParse(c.CellReference, out var a) && a.Column > address.Column);
            if (before is null) row.Append(cell); else row.InsertBefore(cell, before);
        }
        return cell;
    }

    private static void Write(WorkbookPart wb, Cell cell, Entry entry)
    {
        cell.CellFormula = null;
        cell.CellValue = null;
        cell.InlineString = null;
        cell.DataType = null;
        switch (entry)
        {
            case NumberEntry n:
                cell.CellValue = new CellValue(n.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case SharedText s:
                var sst = (wb.SharedStringTablePart ?? wb.AddNewPart<SharedStringTablePart>()).SharedStringTable ??= new SharedStringTable();
                sst.Append(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s.Value) { Space = SpaceProcessingModeValues.Preserve }));
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue((sst.Elements<SharedStringItem>().Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case InlineText t:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(t.Value) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case FormulaEntry f:
                cell.CellFormula = new CellFormula(f.Formula);
                if (f.Cached is { } v)
                {
                    cell.CellValue = new CellValue(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
                break;
            case ErrorEntry e:
                cell.DataType = CellValues.Error;
                cell.CellFormula = new CellFormula("1/0");
                cell.CellValue = new CellValue(e.Error);
                break;
        }
    }
}
