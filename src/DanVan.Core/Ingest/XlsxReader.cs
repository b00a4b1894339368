using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Ingest;

/// <summary>Thrown when a sheet exceeds the cell budget; the checker turns it into a rejection.</summary>
internal sealed class CellBudgetExceededException : Exception;

/// <summary>
/// A read-only view of an xlsx package through the OpenXML SDK: defined names, sheets, document
/// properties, and a streaming (SAX) read of only the cells asked for, so a standard report is read in
/// a few milliseconds and an enormous sheet stops at the cell budget instead of filling memory.
/// </summary>
internal sealed class XlsxReader : IWorkbookReader
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly long _maxCells;
    private long _cellsSeen;
    private List<string>? _sharedStrings;

    private XlsxReader(SpreadsheetDocument document, long maxCells)
    {
        _document = document;
        _workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        _maxCells = maxCells;
        var workbook = _workbook.Workbook ?? throw new InvalidDataException("No workbook.");
        foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id && _workbook.GetPartById(id) is WorksheetPart part)
            {
                Sheets[name] = part;
            }
        }
        foreach (var dn in workbook.DefinedNames?.Elements<DefinedName>() ?? [])
        {
            if (dn.Name?.Value is not { } name)
            {
                continue;
            }
            // Workbook scope wins; a sheet-scoped name of the same spelling is a fallback only.
            if (dn.LocalSheetId is null || !DefinedNames.ContainsKey(name))
            {
                DefinedNames[name] = dn.Text ?? string.Empty;
            }
        }
    }

    public static XlsxReader Open(byte[] bytes, IngestLimits limits)
    {
        // PackageInspection has already held every part to the limits; the SDK's own cap is a second fence.
        var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = limits.MaxPartBytes };
        var maxCells = limits.MaxCells;
        var doc = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false, settings);
        try
        {
            return new XlsxReader(doc, maxCells);
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }

    public Dictionary<string, WorksheetPart> Sheets { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> DefinedNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    IReadOnlyDictionary<string, string> IWorkbookReader.DefinedNames => DefinedNames;

    public IReadOnlyList<string> SheetNames => [.. Sheets.Keys];

    public string? SheetName(string name) => Sheets.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public Dictionary<CellAddress, CellContent> ReadCells(string sheet, Func<CellAddress, bool> wanted) =>
        Sheets.TryGetValue(sheet, out var part) ? ReadCells(part, wanted) : [];

    /// <summary>Custom document properties (docProps/custom.xml) as text.</summary>
    public Dictionary<string, string> CustomProperties()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var props = _document.CustomFilePropertiesPart?.Properties;
        if (props is null)
        {
            return result;
        }
        foreach (var p in props.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>())
        {
            if (p.Name?.Value is { } name)
            {
                result[name] = p.InnerText;
            }
        }
        return result;
    }

    /// <summary>
    /// Counts every worksheet's cells against the budget before anything else reads the file (so even a
    /// foreign workbook cannot make the feedback writer load millions of cells).
    /// </summary>
    public void EnforceCellBudget()
    {
        var empty = new HashSet<CellAddress>();
        foreach (var part in Sheets.Values)
        {
            ReadCells(part, empty);
        }
        _cellsSeen = 0;
    }

    /// <summary>The wanted cells of one sheet; a wanted cell absent from the file is blank.</summary>
    public Dictionary<CellAddress, CellContent> ReadCells(WorksheetPart part, IReadOnlySet<CellAddress> wanted) => ReadCells(part, wanted.Contains);

    private Dictionary<CellAddress, CellContent> ReadCells(WorksheetPart part, Func<CellAddress, bool> wanted)
    {
        var found = new Dictionary<CellAddress, CellContent>();
        using var reader = OpenXmlReader.Create(part);
        var row = 0;
        var column = 0;
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }
            var type = reader.ElementType;
            if (type == typeof(SheetDimension))
            {
                CheckDimension(((SheetDimension)reader.LoadCurrentElement()!).Reference?.Value);
            }
            else if (type == typeof(Row))
            {
                row = Attribute(reader, "r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var rn) ? rn : row + 1;
                column = 0;
            }
            else if (type == typeof(Cell))
            {
                if (++_cellsSeen > _maxCells)
                {
                    throw new CellBudgetExceededException();
                }
                var address = CellAddress.TryParse(Attribute(reader, "r"), out var a) ? a : new CellAddress(row, column + 1);
                column = address.Column;
                if (wanted(address))
                {
                    // Leaves the reader on the cell's end element; the next Read() moves on.
                    found[address] = Content((Cell)reader.LoadCurrentElement()!);
                }
            }
        }
        return found;
    }

    private void CheckDimension(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return;
        }
        var parts = reference.Split(':');
        if (parts.Length == 2 && CellAddress.TryParse(parts[0], out var from) && CellAddress.TryParse(parts[1], out var to))
        {
            var area = (long)(Math.Abs(to.Row - from.Row) + 1) * (Math.Abs(to.Column - from.Column) + 1);
            // Declared extents far beyond the budget: a hostile or broken file (real templates span a few hundred cells).
            if (area > _maxCells * 50)
            {
                throw new CellBudgetExceededException();
            }
        }
    }

    private CellContent Content(Cell cell)
    {
        var hasFormula = cell.CellFormula is not null;
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return Text(PlainText(cell.InlineString), hasFormula);
        }
        if (string.IsNullOrEmpty(value))
        {
            return hasFormula && type != CellValues.String
                ? new CellContent(CellKind.FormulaWithoutValue, 0, string.Empty, true)
                : hasFormula ? Text(string.Empty, true) : CellContent.Blank;
        }
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && SharedString(index) is { } s
                ? Text(s, hasFormula)
                : CellContent.Blank;
        }
        if (type == CellValues.String || type == CellValues.Date)
        {
            return Text(value, hasFormula);
        }
        if (type == CellValues.Boolean)
        {
            return new CellContent(CellKind.Boolean, value == "1" ? 1 : 0, value == "1" ? "TRUE" : "FALSE", hasFormula);
        }
        if (type == CellValues.Error)
        {
            return new CellContent(CellKind.Error, 0, value, hasFormula);
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new CellContent(CellKind.Number, number, value, hasFormula)
            : Text(value, hasFormula);
    }

    private static CellContent Text(string text, bool hasFormula) =>
        text.Length == 0 && !hasFormula
            ? CellContent.Blank
            : new CellContent(CellKind.Text, 0, text.Normalize(NormalizationForm.FormC), hasFormula);

    private string? SharedString(int index)
    {
        if (_sharedStrings is null)
        {
            _sharedStrings = [];
            var part = _workbook.SharedStringTablePart;
            if (part is not null)
            {
                using var reader = OpenXmlReader.Create(part);
                while (reader.Read())
                {
                    if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
                    {
                        if (_sharedStrings.Count >= _maxCells)
                        {
                            throw new CellBudgetExceededException();
                        }
                        _sharedStrings.Add(PlainText((SharedStringItem)reader.LoadCurrentElement()!));
                    }
                }
            }
        }
        return index < _sharedStrings.Count ? _sharedStrings[index] : null;
    }

    /// <summary>The visible text of a string item: plain or rich-text runs, without phonetic hints.</summary>
    private static string PlainText(OpenXmlElement? item)
    {
        if (item is null)
        {
            return string.Empty;
        }
        var sb = new StringBuilder();
        foreach (var t in item.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>())
        {
            if (t.Parent is not PhoneticRun)
            {
                sb.Append(t.Text);
            }
        }
        return sb.ToString();
    }

    private static string? Attribute(OpenXmlReader reader, string name)
    {
        foreach (var a in reader.Attributes)
        {
            if (a.LocalName == name && string.IsNullOrEmpty(a.NamespaceUri))
            {
                return a.Value;
            }
        }
        return null;
    }

    public void Dispose() => _document.Dispose();
}
