using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DanVan.Core.Packaging;

/// <summary>
/// Rewrites a package ClosedXML saved into the shape Excel itself writes, so that the libraries which read
/// xlsx by element name and path (ExcelJS, xlsx-populate and others) open it: SpreadsheetML and the document
/// properties in the default namespace instead of the <c>x:</c>/<c>ap:</c>/<c>op:</c> prefixes, relationship
/// targets relative to their source part, the core properties at <c>docProps/core.xml</c>, the workbook part
/// declared by an Override, no byte order marks. Only the spelling changes: every element, attribute, value,
/// name and style stays as ClosedXML wrote it. Streams every part, so big sheets are never held as a tree.
/// </summary>
public static class PackageNormalizer
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string CorePropertiesType = "application/vnd.openxmlformats-package.core-properties+xml";
    private const string CorePropertiesPath = "docProps/core.xml";
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

    /// <summary>
    /// The prefix Excel gives each namespace it writes unprefixed or under a fixed prefix (ExcelJS matches
    /// "cp:keywords" literally). DrawingML and the rest keep the prefixes they have.
    /// </summary>
    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        [MainNs] = "",
        ["http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"] = "",
        ["http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"] = "",
        ["http://schemas.openxmlformats.org/package/2006/metadata/core-properties"] = "cp",
        [RelationshipsNs] = "",
        [ContentTypesNs] = "",
    };

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Saves a ClosedXML workbook normalised: what every DanVan writer calls instead of <c>SaveAs</c>.</summary>
    public static void SaveAs(ClosedXML.Excel.XLWorkbook workbook, Stream output)
    {
        using var saved = new MemoryStream();
        workbook.SaveAs(saved);
        saved.Position = 0;
        Normalize(saved, output);
    }

    public static byte[] Normalize(byte[] package)
    {
        using var output = new MemoryStream();
        Normalize(new MemoryStream(package, writable: false), output);
        return output.ToArray();
    }

    /// <summary>
    /// Copies <paramref name="package"/> to <paramref name="output"/> normalised; entry order and times are kept.
    /// A package it cannot rewrite (a part that is not well-formed XML, a DTD) goes out exactly as it came in:
    /// an odd part ClosedXML kept from an upload must never cost the uploader their feedback.
    /// </summary>
    public static void Normalize(Stream package, Stream output)
    {
        byte[] original;
        using (var copy = new MemoryStream())
        {
            package.CopyTo(copy);
            original = copy.ToArray();
        }
        using var normal = new MemoryStream();
        try
        {
            RewritePackage(new MemoryStream(original, writable: false), normal);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            output.Write(original);
            return;
        }
        normal.Position = 0;
        normal.CopyTo(output);
    }

    private static void RewritePackage(Stream package, Stream output)
    {
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var renames = Renames(source);
        var names = source.Entries.Select(e => Rename(e.FullName, renames)).ToHashSet(StringComparer.Ordinal);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var name = Rename(entry.FullName, renames);
            var copy = target.CreateEntry(name, CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            using var from = entry.Open();
            using var to = copy.Open();
            if (name == "[Content_Types].xml")
            {
                WriteContentTypes(from, to, names, renames);
            }
            else if (name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                Rewrite(from, to, RelationshipSource(entry.FullName), renames);
            }
            else if (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                Rewrite(from, to, null, renames);
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }

    /// <summary>
    /// Parts that move: the core properties from System.IO.Packaging's random .psmdcp name to docProps/core.xml,
    /// and the worksheets to xl/worksheets/sheetN.xml in workbook order (xlsx-populate finds the n-th sheet by that
    /// name alone, as Excel writes it), each with its relationships.
    /// </summary>
    private static Dictionary<string, string> Renames(ZipArchive zip)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var core = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".psmdcp", StringComparison.OrdinalIgnoreCase))?.FullName;
        if (core is not null && zip.GetEntry(CorePropertiesPath) is null)
        {
            renames[core] = CorePropertiesPath;
        }
        var workbook = Relationships(zip, "").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target;
        if (workbook is null || zip.GetEntry(workbook) is not { } workbookEntry)
        {
            return renames;
        }
        var relationships = Relationships(zip, workbook).ToList();
        var targets = relationships.ToDictionary(r => r.Id, r => r.Target, StringComparer.Ordinal);
        var worksheets = relationships.Where(r => r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        XDocument doc;
        using (var s = workbookEntry.Open())
        {
            doc = LoadXml(s);
        }
        XNamespace main = MainNs;
        XNamespace r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var sheets = doc.Root?.Element(main + "sheets")?.Elements(main + "sheet").ToList() ?? [];
        var dir = workbook[..(workbook.LastIndexOf('/') + 1)];
        var paths = sheets.Select(s => targets.GetValueOrDefault((string?)s.Attribute(r + "id") ?? "")).ToList();
        // Only when every sheet is a worksheet part we can find (no chart sheets); anything unusual is left as it is.
        if (paths.Any(p => p is null || zip.GetEntry(p) is null) || paths.Distinct(StringComparer.Ordinal).Count() != paths.Count
            || sheets.Any(s => !worksheets.Contains((string?)s.Attribute(r + "id") ?? "")))
        {
            return renames;
        }
        var wanted = Enumerable.Range(1, paths.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{dir}worksheets/sheet{i}.xml")).ToList();
        var others = zip.Entries.Select(e => e.FullName).Except(paths!, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        if (wanted.Any(others.Contains))
        {
            return renames;
        }
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] != wanted[i])
            {
                renames[paths[i]!] = wanted[i];
                renames[RelsOf(paths[i]!)] = RelsOf(wanted[i]);
            }
        }
        // Comments and their VML drawings as Excel names them (ExcelJS only loads xl/commentsN.xml and
        // xl/drawings/vmlDrawingN.vml), numbered in sheet order.
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        var comments = 0;
        var drawings = 0;
        foreach (var sheet in paths)
        {
            foreach (var (_, type, part) in Relationships(zip, sheet!))
            {
                if (extra.ContainsKey(part) || zip.GetEntry(part) is null)
                {
                    continue;
                }
                if (type.EndsWith("/comments", StringComparison.Ordinal))
                {
                    extra[part] = string.Create(CultureInfo.InvariantCulture, $"{dir}comments{++comments}.xml");
                }
                else if (type.EndsWith("/vmlDrawing", StringComparison.Ordinal))
                {
                    extra[part] = string.Create(CultureInfo.InvariantCulture, $"{dir}drawings/vmlDrawing{++drawings}.vml");
                }
            }
        }
        foreach (var (from, to) in extra.Where(kv => kv.Key != kv.Value))
        {
            renames[from] = to;
        }
        // A rename that would land on a part kept in place (or on another rename) is undone: the package stays valid as it was.
        var final = zip.Entries.Select(e => renames.GetValueOrDefault(e.FullName, e.FullName)).ToList();
        if (final.Distinct(StringComparer.OrdinalIgnoreCase).Count() != final.Count)
        {
            foreach (var key in extra.Keys)
            {
                renames.Remove(key);
            }
        }
        return renames;
    }

    private static string RelsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return part[..(slash + 1)] + "_rels/" + part[(slash + 1)..] + ".rels";
    }

    /// <summary>The relationships of a part (package root when empty), targets as zip entry names.</summary>
    private static IEnumerable<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string sourcePart)
    {
        var rels = sourcePart.Length == 0 ? "_rels/.rels" : RelsOf(sourcePart);
        if (zip.GetEntry(rels) is not { } entry)
        {
            return [];
        }
        using var s = entry.Open();
        XNamespace ns = RelationshipsNs;
        return LoadXml(s).Root!.Elements(ns + "Relationship")
            .Where(e => (string?)e.Attribute("TargetMode") != "External")
            .Select(e => ((string)e.Attribute("Id")!, (string)e.Attribute("Type")!, Resolve((string)e.Attribute("Target")!, sourcePart)))
            .ToList();
    }

    /// <summary>A relationship target as a zip entry name: absolute ones from the root, relative ones from the source's folder.</summary>
    private static string Resolve(string target, string sourcePart)
    {
        if (target.StartsWith('/'))
        {
            return target.TrimStart('/');
        }
        var parts = new List<string>(sourcePart.Split('/')[..^1]);
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }
        return string.Join('/', parts);
    }

    private static string Rename(string name, Dictionary<string, string> renames) => renames.GetValueOrDefault(name, name);

    /// <summary>"xl/_rels/workbook.xml.rels" → "xl/workbook.xml"; "_rels/.rels" → "" (the package root).</summary>
    private static string RelationshipSource(string relsPath)
    {
        var slash = relsPath.LastIndexOf("_rels/", StringComparison.Ordinal);
        var dir = relsPath[..slash];
        var file = relsPath[(slash + "_rels/".Length)..^".rels".Length];
        return dir + file;
    }

    /// <summary>An absolute part name made relative to the folder of the part whose relationship it is.</summary>
    internal static string Relative(string absoluteTarget, string sourcePart)
    {
        var targetParts = absoluteTarget.TrimStart('/').Split('/');
        var sourceDir = sourcePart.Split('/')[..^1];
        var common = 0;
        while (common < sourceDir.Length && common < targetParts.Length - 1 && sourceDir[common] == targetParts[common])
        {
            common++;
        }
        return string.Join('/', Enumerable.Repeat("..", sourceDir.Length - common).Concat(targetParts[common..]));
    }

    private static void WriteContentTypes(Stream from, Stream to, HashSet<string> parts, Dictionary<string, string> renames)
    {
        var doc = LoadXml(from);
        XNamespace ns = ContentTypesNs;
        var root = doc.Root!;
        var defaults = root.Elements(ns + "Default").ToDictionary(d => ((string)d.Attribute("Extension")!).ToLowerInvariant(), d => d);
        foreach (var o in root.Elements(ns + "Override"))
        {
            o.SetAttributeValue("PartName", "/" + Rename(((string)o.Attribute("PartName")!).TrimStart('/'), renames));
        }
        var overrides = root.Elements(ns + "Override").Select(o => ((string)o.Attribute("PartName")!).TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (renames.ContainsValue(CorePropertiesPath) && !overrides.Contains(CorePropertiesPath))
        {
            root.Add(new XElement(ns + "Override", new XAttribute("PartName", "/" + CorePropertiesPath),
                new XAttribute("ContentType", CorePropertiesType)));
            overrides.Add(CorePropertiesPath);
            defaults.GetValueOrDefault("psmdcp")?.Remove();
        }
        // ClosedXML types every .xml part as the workbook by default; Excel gives the workbook an Override and
        // .xml the plain application/xml. Each part keeps the type it had.
        if (defaults.TryGetValue("xml", out var xml) && (string?)xml.Attribute("ContentType") != "application/xml")
        {
            var type = (string)xml.Attribute("ContentType")!;
            foreach (var part in parts.Where(p => p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && p != "[Content_Types].xml" && !overrides.Contains(p)).Order(StringComparer.Ordinal))
            {
                root.Add(new XElement(ns + "Override", new XAttribute("PartName", "/" + part),
                    new XAttribute("ContentType", type)));
            }
            xml.SetAttributeValue("ContentType", "application/xml");
        }
        // Defaults first, then Overrides, as the schema orders them.
        var ordered = root.Elements(ns + "Default").Concat(root.Elements(ns + "Override")).ToList();
        root.RemoveNodes();
        root.Add(ordered);
        using var reader = doc.CreateReader();
        Rewrite(reader, to, null, renames);
    }

    /// <summary>No DTDs, no entity expansion: a part that has one is not rewritten (see <see cref="Normalize(Stream, Stream)"/>).</summary>
    private static readonly XmlReaderSettings Safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static XDocument LoadXml(Stream from)
    {
        using var reader = XmlReader.Create(from, Safe);
        return XDocument.Load(reader);
    }

    private static void Rewrite(Stream from, Stream to, string? relationshipSource, Dictionary<string, string> renames)
    {
        using var reader = XmlReader.Create(from, Safe);
        Rewrite(reader, to, relationshipSource, renames);
    }

    /// <summary>
    /// Copies XML node by node. Elements of a namespace Excel writes as default lose their prefix (the writer
    /// declares the default namespace where needed); prefix declarations for those namespaces are dropped;
    /// relationship targets become relative. Everything else is copied as it is.
    /// </summary>
    private static void Rewrite(XmlReader reader, Stream to, string? relationshipSource, Dictionary<string, string> renames)
    {
        to.Write(Utf8.GetBytes(XmlDeclaration));
        using var writer = XmlWriter.Create(to, new XmlWriterSettings
        {
            Encoding = Utf8,
            OmitXmlDeclaration = true,
            Indent = false,
            NewLineHandling = NewLineHandling.None,
            CheckCharacters = false,
        });
        var attributes = new List<(string Prefix, string Local, string Ns, string Value)>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var empty = reader.IsEmptyElement;
                    var prefix = Prefixes.GetValueOrDefault(reader.NamespaceURI, reader.Prefix);
                    var local = reader.LocalName;
                    var elementNs = reader.NamespaceURI;
                    attributes.Clear();
                    var external = false;
                    while (reader.MoveToNextAttribute())
                    {
                        var isDeclaration = reader.NamespaceURI == "http://www.w3.org/2000/xmlns/";
                        if (isDeclaration && Prefixes.ContainsKey(reader.Value))
                        {
                            continue;
                        }
                        if (isDeclaration && reader.Prefix.Length == 0)
                        {
                            // A default namespace of another kind: the writer declares it from the element itself.
                            continue;
                        }
                        external |= reader.LocalName == "TargetMode" && reader.Value == "External";
                        attributes.Add((reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value));
                    }
                    reader.MoveToElement();
                    if (empty && local == "tableParts" && elementNs == MainNs && attributes is [(_, "count", "", "0")])
                    {
                        // ClosedXML writes an empty list of tables on every sheet; Gnumeric stumbles on it and it says nothing.
                        break;
                    }
                    writer.WriteStartElement(prefix, local, elementNs);
                    foreach (var (aPrefix, aLocal, aNs, aValue) in attributes)
                    {
                        var value = aValue;
                        if (relationshipSource is not null && elementNs == RelationshipsNs && local == "Relationship" && aLocal == "Target" && aNs.Length == 0 && !external)
                        {
                            value = Relative(Rename(Resolve(value, relationshipSource), renames), relationshipSource);
                        }
                        if (aNs == "http://www.w3.org/2000/xmlns/")
                        {
                            writer.WriteAttributeString("xmlns", aLocal, aNs, value);
                        }
                        else
                        {
                            writer.WriteAttributeString(aPrefix, aLocal, aNs, value);
                        }
                    }
                    if (empty)
                    {
                        writer.WriteEndElement();
                    }
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    if (reader.Depth > 0)
                    {
                        writer.WriteWhitespace(reader.Value);
                    }
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
                case XmlNodeType.Comment:
                    writer.WriteComment(reader.Value);
                    break;
            }
        }
    }
}
