using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace DanVan.Core.Ingest;

/// <summary>
/// The pass over a package that comes before any spreadsheet library opens it: every part is inflated once,
/// forward only, its bytes counted as they are read (the zip header's sizes are not trusted), and every XML
/// part read with an <see cref="XmlReader"/> that refuses DTDs and resolves nothing. It enforces the structural
/// limits of <see cref="IngestLimits"/> (nesting, elements, attribute and text length, parts, sheets, defined
/// names, styles) and refuses active content (macros, macro and dialog sheets, external links, DDE, OLE and
/// ActiveX objects, formulas that call out). Nothing here recurses, so no file can overflow the stack.
/// </summary>
public static partial class PackageInspection
{
    private const string ContentTypesPart = "[Content_Types].xml";
    private const string RootRels = "_rels/.rels";
    private const string OfficeDocument = "/officeDocument";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static bool IsVbaProject(string part) => part.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
        || part.EndsWith("vbaProjectSignature.bin", StringComparison.OrdinalIgnoreCase);

    private static bool IsMacroSheet(string part) => part.StartsWith("xl/macrosheets/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the package may be opened; otherwise the one problem that refuses it.</summary>
    public static Problem? Inspect(ZipArchive zip, IngestLimits limits)
    {
        try
        {
            return InspectCore(zip, limits);
        }
        catch (LimitExceededException ex)
        {
            return ex.Problem;
        }
        catch (XmlException)
        {
            // Not well-formed, or a DTD (entity expansion): no reader of ours would open it.
            return Messages.Corrupt();
        }
    }

    private static Problem? InspectCore(ZipArchive zip, IngestLimits limits)
    {
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        if (entries.Count > limits.MaxParts)
        {
            return Messages.Hostile($"{ViNumber(entries.Count)} phần, giới hạn {ViNumber(limits.MaxParts)}");
        }
        var names = entries.Select(e => Normalise(e.FullName)).ToList();
        if (names.FirstOrDefault(IsMacroSheet) is not null || names.Any(IsVbaProject))
        {
            return Messages.Macro();
        }
        foreach (var name in names)
        {
            if (ActivePart(name) is { } what)
            {
                return Messages.ActiveContent(what);
            }
        }

        var budget = new Budget(limits);
        var byName = entries.ToDictionary(e => Normalise(e.FullName), StringComparer.OrdinalIgnoreCase);
        // The two small index parts first: they say which part is the workbook and what it claims to be.
        var types = byName.TryGetValue(ContentTypesPart, out var ct) ? ReadContentTypes(ct, budget) : new ContentTypes();
        var workbookPart = byName.TryGetValue(RootRels, out var rels) ? ReadWorkbookTarget(rels, budget) : null;
        var workbookType = workbookPart is null ? null : types.For(workbookPart);
        // One decision for "macro-enabled" (PackageKind), made once the index parts are known to be within limits.
        if (PackageKind.IsMacroEnabled(zip))
        {
            return Messages.Macro();
        }
        if (types.Overrides.Values.FirstOrDefault(ActiveContentType) is { } activeType)
        {
            return activeType.Contains("macro", StringComparison.OrdinalIgnoreCase) ? Messages.Macro() : Messages.ActiveContent("đối tượng nhúng");
        }

        foreach (var entry in entries)
        {
            var name = Normalise(entry.FullName);
            if (name.Equals(ContentTypesPart, StringComparison.OrdinalIgnoreCase) || name.Equals(RootRels, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var kind = KindOf(name, workbookPart);
            if (kind == PartKind.Binary)
            {
                budget.Drain(entry);
                continue;
            }
            if (ReadXmlPart(entry, kind, budget, limits) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static string Normalise(string name) => name.Replace('\\', '/').TrimStart('/');

    /// <summary>Parts that carry code or reach outside the file, whatever their content type says.</summary>
    private static string? ActivePart(string name) =>
        name.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase) ? "liên kết tới tệp bên ngoài"
        : name.StartsWith("xl/dialogsheets/", StringComparison.OrdinalIgnoreCase) ? "trang hộp thoại (macro Excel 5.0)"
        : name.StartsWith("xl/activeX/", StringComparison.OrdinalIgnoreCase) ? "điều khiển ActiveX"
        : name.StartsWith("xl/embeddings/", StringComparison.OrdinalIgnoreCase) ? "đối tượng nhúng (OLE)"
        : name.StartsWith("customUI/", StringComparison.OrdinalIgnoreCase) ? "tùy biến giao diện kèm macro"
        : name.StartsWith("xl/connections.xml", StringComparison.OrdinalIgnoreCase) ? "kết nối dữ liệu bên ngoài"
        : null;

    private static bool ActiveContentType(string type) =>
        type.Contains("macrosheet", StringComparison.OrdinalIgnoreCase)
        || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
        || type.Contains("oleObject", StringComparison.OrdinalIgnoreCase)
        || type.Contains("activeX", StringComparison.OrdinalIgnoreCase)
        || type.Contains("externalLink", StringComparison.OrdinalIgnoreCase);

    private enum PartKind
    {
        Binary,
        Xml,
        Workbook,
        Worksheet,
        Styles,
        SharedStrings,
    }

    private static PartKind KindOf(string name, string? workbookPart)
    {
        var xml = name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
        if (!xml)
        {
            // Images, printer settings, VML (which Excel writes as loose HTML-like XML): counted, not parsed; no reader of ours opens them.
            return PartKind.Binary;
        }
        if (workbookPart is not null ? name.Equals(workbookPart, StringComparison.OrdinalIgnoreCase) : name.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase))
        {
            return PartKind.Workbook;
        }
        return name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && !name.Contains("/_rels/", StringComparison.Ordinal) ? PartKind.Worksheet
            : name.EndsWith("styles.xml", StringComparison.OrdinalIgnoreCase) ? PartKind.Styles
            : name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase) ? PartKind.SharedStrings
            : PartKind.Xml;
    }

    private static readonly HashSet<string> StyleEntries = new(StringComparer.Ordinal)
    {
        "xf", "font", "fill", "border", "numFmt", "dxf", "cellStyle", "tableStyle", "tableStyleElement", "color",
    };

    private static Problem? ReadXmlPart(ZipArchiveEntry entry, PartKind kind, Budget budget, IngestLimits limits)
    {
        using var stream = budget.Open(entry);
        using var reader = XmlReader.Create(stream, Settings);
        long elements = 0;
        var sheets = 0;
        var definedNames = 0;
        var styles = 0;
        var inFormula = false;
        var inDefinedName = false;
        var chunk = new char[4096];
        var formula = new StringBuilder();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth >= limits.MaxXmlDepth)
                    {
                        return Messages.Hostile($"phần {Clip(entry.FullName)} lồng nhau quá {ViNumber(limits.MaxXmlDepth)} cấp");
                    }
                    if (++elements > limits.MaxElementsPerPart || ++budget.Elements > limits.MaxElements)
                    {
                        return Messages.Hostile($"quá nhiều phần tử trong phần {Clip(entry.FullName)}");
                    }
                    var local = reader.LocalName;
                    if (reader.HasAttributes)
                    {
                        if (reader.AttributeCount > limits.MaxAttributesPerElement)
                        {
                            return Messages.Hostile($"một phần tử có {ViNumber(reader.AttributeCount)} thuộc tính");
                        }
                        while (reader.MoveToNextAttribute())
                        {
                            if (reader.Value.Length > limits.MaxAttributeChars)
                            {
                                return Messages.Hostile($"một thuộc tính dài {ViNumber(reader.Value.Length)} ký tự trong phần {Clip(entry.FullName)}");
                            }
                            if (kind == PartKind.Workbook && local == "definedName" && reader.LocalName == "name" && IsAutoMacroName(reader.Value))
                            {
                                return Messages.Macro();
                            }
                        }
                        reader.MoveToElement();
                    }
                    switch (kind)
                    {
                        case PartKind.Workbook when local == "sheet":
                            if (++sheets > limits.MaxSheets)
                            {
                                return Messages.Hostile($"trên {ViNumber(limits.MaxSheets)} trang tính");
                            }
                            break;
                        case PartKind.Workbook when local == "definedName":
                            if (++definedNames > limits.MaxDefinedNames)
                            {
                                return Messages.Hostile($"trên {ViNumber(limits.MaxDefinedNames)} tên được định nghĩa");
                            }
                            inDefinedName = !reader.IsEmptyElement;
                            formula.Clear();
                            break;
                        case PartKind.Workbook when local == "externalReferences":
                            return Messages.ActiveContent("liên kết tới tệp bên ngoài");
                        case PartKind.Worksheet when local is "oleObjects" or "oleObject":
                            return Messages.ActiveContent("đối tượng nhúng (OLE)");
                        case PartKind.Worksheet when local == "controls":
                            return Messages.ActiveContent("điều khiển ActiveX");
                        case PartKind.Worksheet when local == "f":
                            inFormula = !reader.IsEmptyElement;
                            formula.Clear();
                            break;
                        case PartKind.Styles when StyleEntries.Contains(local):
                            if (++styles > limits.MaxStyleEntries)
                            {
                                return Messages.Hostile($"trên {ViNumber(limits.MaxStyleEntries)} định dạng trong phần kiểu (styles)");
                            }
                            break;
                        case PartKind.Xml when local == "ddeLink":
                            return Messages.ActiveContent("liên kết DDE");
                    }
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    {
                        // Counted in chunks: a huge text node is measured without holding it as one string.
                        long length = 0;
                        int n;
                        while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                        {
                            length += n;
                            if (length > limits.MaxTextChars)
                            {
                                return Messages.Hostile($"một chuỗi ký tự dài trên {ViNumber(limits.MaxTextChars)} ký tự");
                            }
                            if (inFormula || inDefinedName)
                            {
                                formula.Append(chunk, 0, n);
                            }
                        }
                        break;
                    }
                case XmlNodeType.EndElement:
                    if ((inFormula && reader.LocalName == "f") || (inDefinedName && reader.LocalName == "definedName"))
                    {
                        inFormula = inDefinedName = false;
                        if (CalledOut(formula.ToString()) is { } call)
                        {
                            return Messages.ActiveContent($"công thức gọi {call}");
                        }
                    }
                    break;
            }
        }
        return null;
    }

    private static bool IsAutoMacroName(string name)
    {
        // Excel 4.0 macros run from these names (also as _xlnm.Auto_Open and with a suffix, e.g. Auto_Open21).
        var n = name.StartsWith("_xlnm.", StringComparison.OrdinalIgnoreCase) ? name[6..] : name;
        return n.StartsWith("Auto_Open", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Auto_Close", StringComparison.OrdinalIgnoreCase)
            || n.StartsWith("Auto_Activate", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Auto_Deactivate", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The function a formula uses to reach outside the workbook or run code, or DDE (<c>app|topic!item</c>).</summary>
    internal static string? CalledOut(string formula)
    {
        if (formula.Length == 0)
        {
            return null;
        }
        var code = StringLiteral().Replace(formula, "\"\"");
        // '|' may appear in a quoted sheet name ('Thu|Chi'!A1); outside quotes it is DDE (cmd|' /C calc'!A0).
        if (QuotedSheet().Replace(code, "''").Contains('|', StringComparison.Ordinal))
        {
            return "DDE";
        }
        var m = CallOutFunction().Match(code);
        return m.Success ? m.Groups["name"].Value.ToUpperInvariant() : null;
    }

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex QuotedSheet();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?:_xlfn\.|_xlws\.)?(?<name>WEBSERVICE|HYPERLINK|CALL|REGISTER(?:\.ID)?|EXEC|EXECUTE|RTD|FILTERXML|IMAGE|FOPEN|FWRITE|FWRITELN|FREAD|FREADLN|FCLOSE|DDE|INITIATE|REQUEST|POKE|RUN|SEND\.KEYS|SHELL|APP\.ACTIVATE|RESULT|FORMULA|SET\.VALUE|GET\.WORKSPACE|GET\.CELL)\s*\(",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallOutFunction();

    private static ContentTypes ReadContentTypes(ZipArchiveEntry entry, Budget budget)
    {
        var types = new ContentTypes();
        using var stream = budget.Open(entry);
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            budget.Count(reader, entry);
            if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part && reader.GetAttribute("ContentType") is { } type)
            {
                types.Overrides[Normalise(part)] = type;
            }
            else if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } ext && reader.GetAttribute("ContentType") is { } dtype)
            {
                types.Defaults[ext] = dtype;
            }
        }
        return types;
    }

    private static string? ReadWorkbookTarget(ZipArchiveEntry entry, Budget budget)
    {
        using var stream = budget.Open(entry);
        using var reader = XmlReader.Create(stream, Settings);
        string? target = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            budget.Count(reader, entry);
            if (target is null && reader.LocalName == "Relationship"
                && reader.GetAttribute("Type") is { } type && type.EndsWith(OfficeDocument, StringComparison.Ordinal)
                && reader.GetAttribute("Target") is { } t)
            {
                target = Normalise(t);
            }
        }
        return target;
    }

    private static string ViNumber(long n) => Text.ViFormat.Number(n);

    private static string Clip(string text) => TextClip.Clip(text, 80);

    private sealed class ContentTypes
    {
        public Dictionary<string, string> Overrides { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> Defaults { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? For(string part) =>
            Overrides.TryGetValue(part, out var t) ? t
            : Defaults.TryGetValue(Path.GetExtension(part).TrimStart('.'), out var d) ? d
            : null;
    }

    private sealed class LimitExceededException(Problem problem) : Exception
    {
        public Problem Problem { get; } = problem;
    }

    /// <summary>What the whole package has used so far: inflated bytes and elements.</summary>
    private sealed class Budget(IngestLimits limits)
    {
        private readonly byte[] _sink = new byte[81920];

        public long Inflated { get; set; }

        public long Elements { get; set; }

        public Stream Open(ZipArchiveEntry entry) => new CountingStream(entry.Open(), entry, this, limits);

        public void Drain(ZipArchiveEntry entry)
        {
            using var s = Open(entry);
            while (s.Read(_sink, 0, _sink.Length) > 0)
            {
            }
        }

        public void Count(XmlReader reader, ZipArchiveEntry entry)
        {
            if (reader.Depth >= limits.MaxXmlDepth)
            {
                throw new LimitExceededException(Messages.Hostile($"phần {Clip(entry.FullName)} lồng nhau quá {ViNumber(limits.MaxXmlDepth)} cấp"));
            }
            if (++Elements > limits.MaxElements)
            {
                throw new LimitExceededException(Messages.Hostile($"quá nhiều phần tử trong phần {Clip(entry.FullName)}"));
            }
        }
    }

    /// <summary>Counts a part's inflated bytes as they are read; stops at the part, package and ratio limits.</summary>
    private sealed class CountingStream(Stream inner, ZipArchiveEntry entry, Budget budget, IngestLimits limits) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            budget.Inflated += n;
            if (budget.Inflated > limits.MaxUncompressedBytes || IsBombRatio(_read, entry.CompressedLength, limits))
            {
                throw new LimitExceededException(Messages.Bomb());
            }
            if (_read > limits.MaxPartBytes)
            {
                throw new LimitExceededException(Messages.Hostile($"phần {Clip(entry.FullName)} lớn trên {ViNumber(limits.MaxPartBytes / (1024 * 1024))} MB khi giải nén"));
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    // Ordinary sheet XML compresses 10–50×; only large entries are held to the ratio so tiny, very regular parts pass.
    internal static bool IsBombRatio(long uncompressed, long compressed, IngestLimits limits) =>
        uncompressed > 1024 * 1024 && uncompressed > Math.Max(compressed, 1) * limits.MaxCompressionRatio;
}
