using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DanVan.Core.Publish;

/// <summary>
/// Copies the package ClosedXML saved and streams the big sheets' body rows into it, so a 13,000-unit workbook
/// never holds its cells as objects (ClosedXML alone peaked above 1 GiB; see docs/consolidation.md).
/// Strings go in as inline strings: text, never formulas.
/// </summary>
internal static partial class BodySplicer
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Marker = "__danvan_body__";

    public static void Splice(Stream skeleton, IReadOnlyList<StreamedBody> bodies, Stream output, DateTimeOffset stamp)
    {
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read, leaveOpen: true);
        var paths = SheetPaths(source);
        var byPath = bodies.ToDictionary(b => paths[b.SheetName], StringComparer.Ordinal);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var time = ZipTime(stamp);
        // System.IO.Packaging names the core-properties part and the package relationships at random.
        var coreProperties = source.Entries.FirstOrDefault(e => e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal))?.FullName;
        const string StableCoreProperties = "package/services/metadata/core-properties/core.psmdcp";
        foreach (var entry in source.Entries)
        {
            var name = entry.FullName == coreProperties ? StableCoreProperties : entry.FullName;
            var copy = target.CreateEntry(name, CompressionLevel.Fastest);
            // Entry times come from the build time, not the clock: the same result gives the same bytes.
            copy.LastWriteTime = time;
            using var from = entry.Open();
            using var to = copy.Open();
            if (byPath.TryGetValue(entry.FullName, out var body))
            {
                WriteSheet(from, body, to);
            }
            else if (entry.FullName == "xl/workbook.xml")
            {
                // Print titles as absolute rows ('Sheet'!$4:$4), as Excel writes them; LibreOffice needs that to repeat them.
                var xml = new StreamReader(from, Encoding.UTF8).ReadToEnd();
                xml = PrintTitles().Replace(xml, m => $"!${m.Groups[1].Value}:${m.Groups[2].Value}<");
                // Repeated columns likewise ('Sheet'!$A:$D): without the dollars LibreOffice does not repeat them.
                xml = PrintTitleColumns().Replace(xml, m => $"!${m.Groups[1].Value}:${m.Groups[2].Value}{m.Groups[3].Value}");
                using var writer = new StreamWriter(to, new UTF8Encoding(false));
                writer.Write(xml);
            }
            else if (entry.FullName == "_rels/.rels")
            {
                var xml = new StreamReader(from, Encoding.UTF8).ReadToEnd();
                if (coreProperties is not null)
                {
                    xml = xml.Replace(coreProperties, StableCoreProperties, StringComparison.Ordinal);
                }
                var n = 0;
                xml = RelationshipId().Replace(xml, _ => string.Create(CultureInfo.InvariantCulture, $"Id=\"rId{++n}\""));
                using var writer = new StreamWriter(to, new UTF8Encoding(false));
                writer.Write(xml);
            }
            else if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
            {
                CopyWithStableIds(from, to);
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }

    /// <summary>
    /// ClosedXML gives each data bar's x14 extension a random GUID; numbering them in order of appearance keeps
    /// the rule links and makes the same result give the same bytes.
    /// </summary>
    private static void CopyWithStableIds(Stream from, Stream to)
    {
        var xml = new StreamReader(from, Encoding.UTF8).ReadToEnd();
        var ids = ExtensionId().Matches(xml).Select(m => m.Groups["guid"].Value).Distinct(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            xml = xml.Replace(ids[i], string.Create(CultureInfo.InvariantCulture, $"{{00000000-0000-4000-8000-{i + 1:D12}}}"), StringComparison.Ordinal);
        }
        using var writer = new StreamWriter(to, new UTF8Encoding(false));
        writer.Write(xml);
    }

    [GeneratedRegex(@"<(?:\w+:)?id>(?<guid>\{[0-9A-Fa-f-]{36}\})</(?:\w+:)?id>")]
    private static partial Regex ExtensionId();

    [GeneratedRegex(@"!(\d+):(\d+)<")]
    private static partial Regex PrintTitles();

    [GeneratedRegex(@"!([A-Z]+):([A-Z]+)([,<])")]
    private static partial Regex PrintTitleColumns();

    [GeneratedRegex("Id=\"[^\"]*\"")]
    private static partial Regex RelationshipId();

    /// <summary>Zip stores local times from 1980 to 2107; anything else (a test's epoch) becomes 1 January 1980.</summary>
    private static DateTimeOffset ZipTime(DateTimeOffset stamp)
    {
        var local = stamp.ToOffset(VnText.VietnamOffset);
        return local.Year is >= 1980 and < 2108 ? new DateTimeOffset(local.DateTime, TimeSpan.Zero) : new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Sheet name → zip path, from workbook.xml and its relationships.</summary>
    private static Dictionary<string, string> SheetPaths(ZipArchive zip)
    {
        XDocument Load(string path)
        {
            using var s = zip.GetEntry(path)!.Open();
            return XDocument.Load(s);
        }
        var targets = Load("xl/_rels/workbook.xml.rels").Root!.Elements(PackageRel + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!, StringComparer.Ordinal);
        return Load("xl/workbook.xml").Root!.Element(Main + "sheets")!.Elements(Main + "sheet").ToDictionary(
            s => (string)s.Attribute("name")!,
            s =>
            {
                var t = targets[(string)s.Attribute(Rel + "id")!];
                return t.StartsWith('/') ? t[1..] : "xl/" + t;
            },
            StringComparer.Ordinal);
    }

    private static void WriteSheet(Stream from, StreamedBody body, Stream to)
    {
        var doc = XDocument.Load(from);
        var root = doc.Root!;
        root.Element(Main + "dimension")?.Remove();
        var sheetData = root.Element(Main + "sheetData")!;
        var probeRow = sheetData.Elements(Main + "row").FirstOrDefault(r => (int?)r.Attribute("r") == body.FirstRow)
            ?? throw new InvalidOperationException($"Sheet '{body.SheetName}' lacks its style probe row.");
        var styles = ReadProbes(probeRow);
        foreach (var row in sheetData.Elements(Main + "row").Where(r => (int?)r.Attribute("r") >= body.FirstRow).ToArray())
        {
            row.Remove();
        }
        sheetData.Add(new XElement(Main + "row", new XAttribute("r", Marker)));
        var xml = doc.Declaration + doc.ToString(SaveOptions.DisableFormatting);
        var at = xml.IndexOf(Marker, StringComparison.Ordinal);
        var start = xml.LastIndexOf('<', at);
        var end = xml.IndexOf('>', at) + 1;
        // The element name as serialised ("row" or "x:row") gives the prefix every streamed element must use.
        var tag = xml[(start + 1)..xml.IndexOf(' ', start)];
        var prefix = tag.Length > 3 ? tag[..^3] : "";

        using var writer = new StreamWriter(to, new UTF8Encoding(false), 1 << 16);
        writer.Write(xml.AsSpan(0, start));
        var rowNumber = body.FirstRow;
        foreach (var row in body.Rows())
        {
            WriteRow(writer, prefix, rowNumber++, row, styles);
        }
        writer.Write(xml.AsSpan(end));
    }

    private static int[] ReadProbes(XElement probeRow)
    {
        var styles = new int[StyleProbe.Kinds * StyleProbe.Fills];
        foreach (var c in probeRow.Elements(Main + "c"))
        {
            var column = ColumnNumber((string)c.Attribute("r")!);
            if (column >= 1 && column <= styles.Length)
            {
                styles[column - 1] = (int?)c.Attribute("s") ?? 0;
            }
        }
        return styles;
    }

    private static void WriteRow(StreamWriter w, string p, int rowNumber, BodyRow row, int[] styles)
    {
        var r = rowNumber.ToString(CultureInfo.InvariantCulture);
        w.Write('<'); w.Write(p); w.Write("row r=\""); w.Write(r); w.Write('"');
        if (row.Height is { } h)
        {
            w.Write(" ht=\""); w.Write(h.ToString("0.##", CultureInfo.InvariantCulture)); w.Write("\" customHeight=\"1\"");
        }
        w.Write('>');
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var cell = row.Cells[i];
            var s = styles[StyleProbe.Column(cell.Kind, cell.Fill) - 1];
            w.Write('<'); w.Write(p); w.Write("c r=\""); w.Write(ColumnName(i + 1)); w.Write(r);
            w.Write("\" s=\""); w.Write(s.ToString(CultureInfo.InvariantCulture)); w.Write('"');
            if (cell.Number is { } n)
            {
                w.Write("><"); w.Write(p); w.Write("v>"); w.Write(n.ToString(CultureInfo.InvariantCulture));
                w.Write("</"); w.Write(p); w.Write("v></"); w.Write(p); w.Write("c>");
            }
            else if (!string.IsNullOrEmpty(cell.Text))
            {
                w.Write(" t=\"inlineStr\"><"); w.Write(p); w.Write("is><"); w.Write(p); w.Write("t xml:space=\"preserve\">");
                WriteEscaped(w, cell.Text);
                w.Write("</"); w.Write(p); w.Write("t></"); w.Write(p); w.Write("is></"); w.Write(p); w.Write("c>");
            }
            else
            {
                w.Write("/>");
            }
        }
        w.Write("</"); w.Write(p); w.Write("row>");
    }

    /// <summary>XML-escapes text and drops characters XML 1.0 cannot carry (agency text may hold anything).</summary>
    private static void WriteEscaped(StreamWriter w, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': w.Write("&amp;"); break;
                case '<': w.Write("&lt;"); break;
                case '>': w.Write("&gt;"); break;
                case '\t' or '\n' or '\r': w.Write(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        w.Write(c);
                        w.Write(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        w.Write(c);
                    }
                    break;
            }
        }
    }

    private static readonly string[] Columns = Enumerable.Range(1, 702).Select(Name).ToArray();

    private static string ColumnName(int column) => column <= Columns.Length ? Columns[column - 1] : Name(column);

    private static string Name(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }

    private static int ColumnNumber(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }
            n = n * 26 + (ch - 'A' + 1);
        }
        return n;
    }
}
