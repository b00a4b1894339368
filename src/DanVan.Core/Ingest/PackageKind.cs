using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DanVan.Core.Ingest;

/// <summary>
/// What a package is, from what it declares for the parts it actually holds. A declaration that no part uses
/// means nothing: SheetJS, for one, declares <c>Default Extension="bin"</c> as a macro-enabled binary workbook
/// in every file it writes, with no .bin part at all.
/// </summary>
internal static class PackageKind
{
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Content types of code: VBA projects and their signatures, Excel 4 macro sheets.</summary>
    private static readonly string[] CodeTypes =
    [
        "application/vnd.ms-office.vbaProject",
        "application/vnd.ms-office.vbaProjectSignature",
        "application/vnd.ms-excel.macrosheet+xml",
        "application/vnd.ms-excel.intlmacrosheet+xml",
    ];

    private static readonly string[] CodeRelationships = ["/vbaProject", "/xlMacrosheet", "/xlIntlMacrosheet", "/vbaProjectSignature"];

    /// <summary>
    /// True when the workbook part is typed macro-enabled (.xlsm/.xltm/.xlam), or a VBA project, its signature or a
    /// macro sheet is present: by name, by the content type of a part that exists, or by a relationship to one.
    /// A [Content_Types].xml that cannot be read as XML is judged by its text, as before: refusing is the safe side.
    /// </summary>
    public static bool IsMacroEnabled(ZipArchive package)
    {
        var parts = package.Entries.Select(e => e.FullName.Replace('\\', '/').TrimStart('/')).Where(n => n.Length > 0 && !n.EndsWith('/')).ToList();
        if (parts.Any(p => p.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("xl/macrosheets/", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (Find(package, "[Content_Types].xml") is not { } typesEntry)
        {
            return false;
        }
        var text = Read(typesEntry);
        if (Parse(text) is not { Root: { } types })
        {
            return text.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase);
        }
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in types.Elements(ContentTypes + "Default"))
        {
            defaults[(string?)d.Attribute("Extension") ?? ""] = (string?)d.Attribute("ContentType") ?? "";
        }
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in types.Elements(ContentTypes + "Override"))
        {
            overrides[((string?)o.Attribute("PartName") ?? "").TrimStart('/')] = (string?)o.Attribute("ContentType") ?? "";
        }
        string TypeOf(string part)
        {
            if (overrides.TryGetValue(part, out var type))
            {
                return type;
            }
            var dot = part.LastIndexOf('.');
            return dot >= 0 && part.IndexOf('/', dot) < 0 ? defaults.GetValueOrDefault(part[(dot + 1)..], "") : "";
        }
        // The workbook part is named by the package relationships; xl/workbook.xml when they say nothing readable.
        var workbooks = OfficeDocuments(package).DefaultIfEmpty("xl/workbook.xml");
        if (parts.Concat(workbooks).Select(TypeOf).Any(IsCode))
        {
            return true;
        }
        return parts.Where(p => p.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)).Any(p => HasCodeRelationship(package, p));
    }

    private static bool IsCode(string contentType) =>
        contentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
        || CodeTypes.Any(t => contentType.Equals(t, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> OfficeDocuments(ZipArchive package)
    {
        if (Find(package, "_rels/.rels") is not { } rels || Parse(Read(rels)) is not { Root: { } root })
        {
            return [];
        }
        return root.Elements(Relationships + "Relationship")
            .Where(r => ((string?)r.Attribute("Type") ?? "").EndsWith("/officeDocument", StringComparison.Ordinal))
            .Select(r => ((string?)r.Attribute("Target") ?? "").TrimStart('/'))
            .ToList();
    }

    private static bool HasCodeRelationship(ZipArchive package, string relsPart)
    {
        if (Find(package, relsPart) is not { } entry)
        {
            return false;
        }
        var text = Read(entry);
        if (Parse(text) is not { Root: { } root })
        {
            return CodeRelationships.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
        }
        return root.Elements(Relationships + "Relationship")
            .Select(r => (string?)r.Attribute("Type") ?? "")
            .Any(type => CodeRelationships.Any(t => type.EndsWith(t, StringComparison.OrdinalIgnoreCase)));
    }

    private static ZipArchiveEntry? Find(ZipArchive package, string name) =>
        package.Entries.FirstOrDefault(e => e.FullName.Replace('\\', '/').TrimStart('/').Equals(name, StringComparison.OrdinalIgnoreCase));

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Parses without DTDs (no entity expansion); null when the text is not XML.</summary>
    private static XDocument? Parse(string text)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
