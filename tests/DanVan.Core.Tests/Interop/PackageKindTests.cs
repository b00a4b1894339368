using System.IO.Compression;
using System.Text;
using DanVan.Core.Ingest;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Interop;

/// <summary>Macro-enabled is decided by the parts a package holds and their declared types, never by a word in its text.</summary>
public sealed class PackageKindTests
{
    private const string SheetJsBin = "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>";

    private const string Rels = "<Default Extension=\"rels\"";

    private static byte[] Filled() => Reports.FilledBySdk(Reports.Full());

    [Fact]
    public void A_declared_type_no_part_uses_is_no_macro()
    {
        // What SheetJS writes in every file: a .bin default typed as a macro-enabled binary workbook, and no .bin part.
        var file = Change(Filled(), types: t => t.Replace(Rels, SheetJsBin + Rels, StringComparison.Ordinal));
        var result = World.Check(file);
        Assert.True(result.Outcome == SubmissionOutcome.Accepted, string.Join("; ", result.Problems.Select(p => p.Code + " " + p.MessageVi)));
    }

    [Fact]
    public void A_bin_part_of_that_type_is_a_macro()
    {
        var file = Change(Filled(), types: t => t.Replace(Rels, SheetJsBin + Rels, StringComparison.Ordinal), add: ("xl/printerSettings/printerSettings1.bin", [1, 2, 3]));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void Printer_settings_are_no_macro()
    {
        var file = Change(Filled(),
            types: t => t.Replace(Rels, "<Default Extension=\"bin\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings\"/>" + Rels, StringComparison.Ordinal),
            add: ("xl/printerSettings/printerSettings1.bin", [1, 2, 3]));
        var result = World.Check(file);
        Assert.True(result.Outcome == SubmissionOutcome.Accepted, string.Join("; ", result.Problems.Select(p => p.Code + " " + p.MessageVi)));
    }

    [Theory]
    [InlineData("application/vnd.ms-excel.sheet.macroEnabled.main+xml")]
    [InlineData("application/vnd.ms-excel.template.macroEnabled.main+xml")]
    [InlineData("application/vnd.ms-excel.addin.macroEnabled.main+xml")]
    public void A_macro_enabled_workbook_part_is_refused(string type)
    {
        var file = Change(Filled(), types: t => t.Replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", type, StringComparison.Ordinal));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void A_workbook_typed_by_the_xml_default_is_judged_by_it()
    {
        // ClosedXML's own spelling: no Override for the workbook, the .xml default carries its type.
        var file = Change(Filled(), types: t => t
            .Replace("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\" />", "", StringComparison.Ordinal)
            .Replace("<Default Extension=\"xml\" ContentType=\"application/xml\" />", "<Default Extension=\"xml\" ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\" />", StringComparison.Ordinal));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void A_vba_project_under_another_name_is_refused()
    {
        var file = Change(Filled(),
            types: t => t.Replace("</Types>", "<Override PartName=\"/xl/code.dat\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>", StringComparison.Ordinal),
            add: ("xl/code.dat", [1, 2, 3]));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void A_relationship_to_a_vba_project_is_refused()
    {
        var file = Change(Filled(), rels: r => r.Replace("</Relationships>",
            "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"stuff.dat\"/></Relationships>", StringComparison.Ordinal),
            add: ("xl/stuff.dat", [1, 2, 3]));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void An_excel_4_macro_sheet_is_refused()
    {
        var file = Change(Filled(), add: ("xl/macrosheets/sheet1.xml", "<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"/>"u8.ToArray()));
        Assert.Equal(ProblemCodes.MacroEnabled, World.Check(file).Problems.Single().Code);
    }

    [Fact]
    public void Content_types_that_are_not_xml_are_judged_by_their_text()
    {
        using var zip = new ZipArchive(new MemoryStream(Zip(("[Content_Types].xml", "<Types macroEnabled"u8.ToArray()))), ZipArchiveMode.Read);
        Assert.True(PackageKind.IsMacroEnabled(zip));
        using var plain = new ZipArchive(new MemoryStream(Zip(("[Content_Types].xml", "<Types"u8.ToArray()))), ZipArchiveMode.Read);
        Assert.False(PackageKind.IsMacroEnabled(plain));
    }

    private static byte[] Change(byte[] package, Func<string, string>? types = null, Func<string, string>? rels = null, (string Name, byte[] Bytes)? add = null)
    {
        var parts = new List<(string, byte[])>();
        using (var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                var bytes = ms.ToArray();
                var change = entry.FullName switch
                {
                    "[Content_Types].xml" => types,
                    "xl/_rels/workbook.xml.rels" => rels,
                    _ => null,
                };
                if (change is not null)
                {
                    var before = Encoding.UTF8.GetString(bytes);
                    var after = change(before);
                    Assert.NotEqual(before, after);
                    bytes = Encoding.UTF8.GetBytes(after);
                }
                parts.Add((entry.FullName, bytes));
            }
        }
        if (add is { } extra)
        {
            parts.Add(extra);
        }
        return Zip([.. parts]);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] parts)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }
}
