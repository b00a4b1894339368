using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
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
        yield return new("Excel 97-2003 .xls", () => OleFile("Workbook", "SummaryInformation"), ProblemCodes.LegacyXls);
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
