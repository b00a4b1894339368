using System.IO.Compression;
using System.Security;
using System.Text;

namespace DanVan.Core.Tests.Corpus;

/// <summary>
/// Writes xlsx packages by hand (System.IO.Compression + XML strings), the way other tools lay them
/// out: LibreOffice-style part names and attribute order, shared or inline strings, cells with or
/// without r attributes, formulas without cached values, extra or hostile parts.
/// </summary>
public sealed class RawXlsx
{
    private readonly List<(string Name, string Sheet, string Ref)> _names = [];
    private readonly List<(string Name, string State, List<string> Rows)> _sheets = [];
    private readonly List<string> _shared = [];
    private readonly Dictionary<string, byte[]> _extraParts = new(StringComparer.Ordinal);

    public string WorkbookContentType { get; set; } = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public string? Dimension { get; set; }

    public RawXlsx Sheet(string name, string state = "visible")
    {
        _sheets.Add((name, state, []));
        return this;
    }

    public RawXlsx Name(string name, string sheet, string reference)
    {
        _names.Add((name, sheet, reference));
        return this;
    }

    public RawXlsx Part(string path, byte[] content)
    {
        _extraParts[path] = content;
        return this;
    }

    /// <summary>Appends a row of raw cell XML to the last sheet.</summary>
    public RawXlsx Row(int row, params string[] cells)
    {
        _sheets[^1].Rows.Add($"<row r=\"{row}\">{string.Concat(cells)}</row>");
        return this;
    }

    public RawXlsx RawRow(string xml)
    {
        _sheets[^1].Rows.Add(xml);
        return this;
    }

    public string SharedString(string reference, string text)
    {
        _shared.Add(text);
        return $"<c r=\"{reference}\" t=\"s\"><v>{_shared.Count - 1}</v></c>";
    }

    public static string Inline(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>";

    public static string Number(string reference, string value) => $"<c r=\"{reference}\" t=\"n\"><v>{value}</v></c>";

    public static string Formula(string reference, string formula, string? cached) =>
        $"<c r=\"{reference}\"><f>{SecurityElement.Escape(formula)}</f>{(cached is null ? string.Empty : $"<v>{cached}</v>")}</c>";

    /// <summary>The identity of a template, written as our template writer would, but by hand.</summary>
    public RawXlsx Identity(string templateId, string templateVersion, string catalogueVersion, string unit, string period, string sheet = "_DanVan")
    {
        Sheet(sheet, "veryHidden");
        string[] keys = ["DanVan.TemplateId", "DanVan.TemplateVersion", "DanVan.CatalogueVersion", "DanVan.UnitCode", "DanVan.Period"];
        string[] names = ["DV__TEMPLATE_ID", "DV__TEMPLATE_VERSION", "DV__CATALOGUE_VERSION", "DV__UNIT", "DV__PERIOD"];
        string[] values = [templateId, templateVersion, catalogueVersion, unit, period];
        for (var i = 0; i < keys.Length; i++)
        {
            Row(i + 1, SharedString($"A{i + 1}", keys[i]), SharedString($"B{i + 1}", values[i]));
            Name(names[i], sheet, $"$B${i + 1}");
        }
        return this;
    }

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml) => AddBytes(path, Encoding.UTF8.GetBytes(xml));
            void AddBytes(string path, byte[] bytes)
            {
                using var s = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                s.Write(bytes);
            }

            var sheetOverrides = string.Concat(_sheets.Select((_, i) =>
                $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
            Add("[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                $"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{WorkbookContentType}\"/>" + sheetOverrides +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
                "</Types>");
            Add("_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            var names = _names.Count == 0 ? string.Empty : "<definedNames>" + string.Concat(_names.Select(n =>
                $"<definedName function=\"false\" hidden=\"false\" localSheetId=\"\" name=\"{n.Name}\" vbProcedure=\"false\">{SecurityElement.Escape(Quote(n.Sheet))}!{n.Ref}</definedName>"
                    .Replace(" localSheetId=\"\"", string.Empty, StringComparison.Ordinal))) + "</definedNames>";
            Add("xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                "<fileVersion appName=\"Calc\"/><sheets>" +
                string.Concat(_sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" state=\"{s.State}\" r:id=\"rId{i + 2}\"/>")) +
                "</sheets>" + names + "<calcPr iterateCount=\"100\" refMode=\"A1\" iterate=\"false\" iterateDelta=\"0.001\"/></workbook>");
            Add("xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
                string.Concat(_sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 2}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) +
                "</Relationships>");
            for (var i = 0; i < _sheets.Count; i++)
            {
                var dimension = i == 0 && Dimension is not null ? $"<dimension ref=\"{Dimension}\"/>" : string.Empty;
                Add($"xl/worksheets/sheet{i + 1}.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                    dimension + "<sheetData>" + string.Concat(_sheets[i].Rows) + "</sheetData></worksheet>");
            }
            Add("xl/sharedStrings.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{_shared.Count}\" uniqueCount=\"{_shared.Count}\">" +
                string.Concat(_shared.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
            foreach (var (path, bytes) in _extraParts)
            {
                AddBytes(path, bytes);
            }
        }
        return ms.ToArray();
    }

    private static string Quote(string sheet) => sheet.All(char.IsAsciiLetterOrDigit) ? sheet : "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'";
}
