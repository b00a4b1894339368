using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using DanVan.Core.Packaging;

namespace DanVan.Core.Tests.Interop;

/// <summary>The normaliser changes how ClosedXML's packages are spelled, never what they say.</summary>
public sealed class PackageNormalizerTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static TheoryData<string> Workbooks => new(Expected.Workbooks);

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void DanVan_workbooks_are_spelled_as_Excel_writes_them(string workbook)
    {
        var parts = Parts(Expected.Bytes(workbook));
        foreach (var (name, bytes) in parts.Where(p => p.Key.EndsWith(".xml", StringComparison.Ordinal) || p.Key.EndsWith(".rels", StringComparison.Ordinal)))
        {
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{name} starts with a byte order mark");
            var doc = Xml(bytes);
            // SpreadsheetML in the default namespace: readers that match "worksheet", "sheetData", "c" by name find them.
            Assert.All(doc.Descendants().Where(e => e.Name.Namespace == Main), e => Assert.Equal(string.Empty, e.GetPrefixOfNamespace(Main) ?? string.Empty));
        }
        Assert.True(parts.ContainsKey("docProps/core.xml"));
        Assert.DoesNotContain(parts.Keys, p => p.EndsWith(".psmdcp", StringComparison.Ordinal));
        foreach (var rels in parts.Keys.Where(p => p.EndsWith(".rels", StringComparison.Ordinal)))
        {
            foreach (var r in Xml(parts[rels]).Root!.Elements(PackageRel + "Relationship").Where(r => (string?)r.Attribute("TargetMode") != "External"))
            {
                var target = (string)r.Attribute("Target")!;
                Assert.False(target.StartsWith('/'), $"{rels}: {target} is absolute");
                Assert.True(parts.ContainsKey(Resolve(rels, target)), $"{rels}: {target} names no part");
            }
        }
        // The n-th sheet of the workbook is xl/worksheets/sheetN.xml (xlsx-populate relies on it).
        var workbookRels = Xml(parts["xl/_rels/workbook.xml.rels"]).Root!.Elements(PackageRel + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var sheets = Xml(parts["xl/workbook.xml"]).Root!.Element(Main + "sheets")!.Elements(Main + "sheet").ToList();
        Assert.Equal(Enumerable.Range(1, sheets.Count).Select(i => $"worksheets/sheet{i}.xml"), sheets.Select(s => workbookRels[(string)s.Attribute(rel + "id")!]));
    }

    [Fact]
    public void Every_part_says_what_ClosedXML_wrote()
    {
        var raw = RichWorkbook();
        var normal = PackageNormalizer.Normalize(raw);
        var before = Parts(raw);
        var after = Parts(normal);
        Assert.Equal(before.Count, after.Count);
        // Same parts, same content once namespace declarations (the spelling) are set aside.
        Assert.Equal(Canonical(before).Order(StringComparer.Ordinal), Canonical(after).Order(StringComparer.Ordinal));
        // Same relationships from the same parts to the same parts, whatever the parts are now called.
        Assert.Equal(Links(before).Order(StringComparer.Ordinal), Links(after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ClosedXML_reads_back_the_same_workbook()
    {
        var raw = RichWorkbook();
        using var a = new XLWorkbook(new MemoryStream(raw));
        using var b = new XLWorkbook(new MemoryStream(PackageNormalizer.Normalize(raw)));
        Assert.Equal(a.Worksheets.Select(w => (w.Name, w.Visibility, w.IsProtected)), b.Worksheets.Select(w => (w.Name, w.Visibility, w.IsProtected)));
        Assert.Equal(a.NamedRanges.Select(n => (n.Name, n.RefersTo)), b.NamedRanges.Select(n => (n.Name, n.RefersTo)));
        foreach (var sheet in a.Worksheets)
        {
            var other = b.Worksheet(sheet.Name);
            Assert.Equal(sheet.Protection.AllowedElements, other.Protection.AllowedElements);
            Assert.Equal(sheet.MergedRanges.Select(r => r.RangeAddress.ToString()), other.MergedRanges.Select(r => r.RangeAddress.ToString()));
            Assert.Equal(sheet.DataValidations.Count(), other.DataValidations.Count());
            foreach (var cell in sheet.CellsUsed(XLCellsUsedOptions.All))
            {
                var twin = other.Cell(cell.Address.ToString());
                Assert.Equal((cell.Address.ToString(), cell.GetString(), cell.FormulaA1), (twin.Address.ToString(), twin.GetString(), twin.FormulaA1));
                Assert.Equal(cell.Style.Font.Bold, twin.Style.Font.Bold);
                Assert.Equal(cell.Style.Font.FontName, twin.Style.Font.FontName);
                Assert.Equal(cell.Style.Fill.BackgroundColor, twin.Style.Fill.BackgroundColor);
                Assert.Equal(cell.Style.NumberFormat.Format, twin.Style.NumberFormat.Format);
                Assert.Equal(cell.Style.Protection.Locked, twin.Style.Protection.Locked);
                Assert.Equal(cell.HasComment ? cell.Comment.Text : null, twin.HasComment ? twin.Comment.Text : null);
            }
        }
    }

    [Fact]
    public void A_package_it_cannot_rewrite_goes_out_as_it_came()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("[Content_Types].xml").Open())
            {
                s.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8);
            }
            using (var s = zip.CreateEntry("xl/broken.xml").Open())
            {
                s.Write("<x:a xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><unclosed>"u8);
            }
        }
        var bytes = ms.ToArray();
        Assert.Equal(bytes, PackageNormalizer.Normalize(bytes));
    }

    [Theory]
    [InlineData("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "worksheets/sheet1.xml")]
    [InlineData("/xl/workbook.xml", "", "xl/workbook.xml")]
    [InlineData("/xl/comments1.xml", "xl/worksheets/sheet2.xml", "../comments1.xml")]
    [InlineData("/docProps/app.xml", "", "docProps/app.xml")]
    [InlineData("/xl/drawings/vmlDrawing1.vml", "xl/worksheets/sheet1.xml", "../drawings/vmlDrawing1.vml")]
    public void Targets_become_relative_to_their_source(string absolute, string source, string relative) =>
        Assert.Equal(relative, PackageNormalizer.Relative(absolute, source));

    /// <summary>Sheets added out of order (so ClosedXML's part names and the sheet order differ), comments, names, protection, styles.</summary>
    private static byte[] RichWorkbook()
    {
        using var wb = new XLWorkbook();
        var data = wb.Worksheets.Add("Dữ liệu");
        var hidden = wb.Worksheets.Add("_An");
        var first = wb.Worksheets.Add("Đầu", 1);
        first.Cell("A1").SetValue("Tiêu đề").Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#FFF2CC"));
        first.Cell("B2").SetValue(1234.5).Style.NumberFormat.SetFormat("#,##0.0");
        first.Cell("B3").FormulaA1 = "B2*2";
        first.Cell("C4").SetValue("ô mở").Style.Protection.SetLocked(false);
        first.Cell("C4").Comment.AddText("Ghi chú có dấu");
        first.Range("A6:C6").Merge().FirstCell().SetValue("gộp");
        first.Cell("D1").SetDataValidation().WholeNumber.EqualOrGreaterThan(0);
        first.Protect().AllowedElements = XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.SelectEverything;
        data.Cell("A1").SetValue(" khoảng trắng ");
        data.Cell("A2").Comment.AddText("thứ hai");
        hidden.Cell("B1").SetValue("21172");
        hidden.Visibility = XLWorksheetVisibility.VeryHidden;
        wb.NamedRanges.Add("DV_X", first.Cell("C4").AsRange());
        wb.NamedRanges.Add("DV__UNIT", hidden.Cell("B1").AsRange());
        wb.Properties.Title = "Tiêu đề";
        wb.CustomProperties.Add("DanVan.UnitCode", "21172");
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    private static Dictionary<string, byte[]> Parts(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }, StringComparer.Ordinal);
    }

    /// <summary>Each XML part (relationships and content types aside) without namespace declarations or ClosedXML's empty table list.</summary>
    private static IEnumerable<string> Canonical(Dictionary<string, byte[]> parts) =>
        parts.Where(p => !p.Key.EndsWith(".rels", StringComparison.Ordinal) && p.Key != "[Content_Types].xml").Select(p => Canonical(p.Key, p.Value));

    private static string Canonical(string name, byte[] bytes)
    {
        if (!name.EndsWith(".xml", StringComparison.Ordinal) && !name.EndsWith(".psmdcp", StringComparison.Ordinal))
        {
            return Convert.ToBase64String(bytes);
        }
        var doc = Xml(bytes);
        foreach (var e in doc.Descendants().ToList())
        {
            e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            if (e.Name == Main + "tableParts" && !e.HasElements && (string?)e.Attribute("count") == "0")
            {
                e.Remove();
            }
        }
        // Element and attribute names with their namespaces spelled out, so prefixes cannot matter.
        return string.Concat(doc.Descendants().Select(e => $"<{e.Name}{string.Concat(e.Attributes().Select(a => $" {a.Name}={a.Value}"))}>{string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value))}"));
    }

    /// <summary>"source content → type → target content" for every internal relationship.</summary>
    private static IEnumerable<string> Links(Dictionary<string, byte[]> parts)
    {
        foreach (var rels in parts.Keys.Where(p => p.EndsWith(".rels", StringComparison.Ordinal)))
        {
            var slash = rels.LastIndexOf("_rels/", StringComparison.Ordinal);
            var source = rels[..slash] + rels[(slash + "_rels/".Length)..^".rels".Length];
            var from = source.Length == 0 ? "package" : Canonical(source, parts[source]);
            foreach (var r in Xml(parts[rels]).Root!.Elements(PackageRel + "Relationship"))
            {
                var target = Resolve(rels, (string)r.Attribute("Target")!);
                yield return $"{from.GetHashCode()} {r.Attribute("Type")!.Value} {Canonical(target, parts[target]).GetHashCode()}";
            }
        }
    }

    private static XDocument Xml(byte[] bytes) => XDocument.Load(new MemoryStream(bytes));

    private static string Resolve(string relsPart, string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }
        var slash = relsPart.LastIndexOf("_rels/", StringComparison.Ordinal);
        var stack = new List<string>(relsPart[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                stack.RemoveAt(stack.Count - 1);
            }
            else
            {
                stack.Add(segment);
            }
        }
        return string.Join('/', stack);
    }
}
