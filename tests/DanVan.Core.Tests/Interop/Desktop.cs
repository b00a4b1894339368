namespace DanVan.Core.Tests.Interop;

/// <summary>
/// The desktop spreadsheets, driven headless: a file "written" or "read" by them is the file they save after
/// opening it (Gnumeric's <c>ssconvert</c>, LibreOffice's <c>soffice --convert-to</c>).
/// </summary>
public static class Gnumeric
{
    private static readonly Lazy<string?> Program = new(() => Tools.Which("ssconvert"));

    public static void SkipUnlessAvailable() =>
        Tools.Require(Program.Value is null ? "Gnumeric (ssconvert, Debian package gnumeric) is not installed." : null);

    /// <summary>Opens an xlsx in Gnumeric and saves it as xlsx (ISO/IEC 29500, Excel 2010).</summary>
    public static byte[] Resave(byte[] workbook)
    {
        using var dir = new TempDir();
        var input = dir.Write("in.xlsx", workbook);
        var output = Path.Combine(dir.Path, "out.xlsx");
        // ssconvert reports unknown elements on stderr and carries on; the saved file is what counts.
        Tools.Run(Program.Value!, ["--export-type=Gnumeric_Excel:xlsx2", input, output]);
        Assert.True(File.Exists(output), "ssconvert produced no file.");
        return File.ReadAllBytes(output);
    }
}

/// <summary>LibreOffice Calc: several files in one soffice run (its start-up is the slow part).</summary>
public static class Calc
{
    private static readonly Lazy<string?> Program = new(() => Tools.Which("soffice"));

    public static void SkipUnlessAvailable() =>
        Tools.Require(Program.Value is null ? "LibreOffice (soffice) is not installed." : null);

    public static IReadOnlyList<byte[]> Resave(params byte[][] workbooks)
    {
        using var dir = new TempDir();
        var inputs = workbooks.Select((w, i) => dir.Write($"in{i}.xlsx", w)).ToList();
        var outDir = Directory.CreateDirectory(Path.Combine(dir.Path, "out")).FullName;
        Tools.Run(Program.Value!,
            [$"-env:UserInstallation=file://{dir.Path}/profile", "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, .. inputs],
            timeout: TimeSpan.FromSeconds(180));
        // soffice exits 0 even when a conversion fails: the files are what count.
        return inputs.Select((_, i) =>
        {
            var output = Path.Combine(outDir, $"in{i}.xlsx");
            Assert.True(File.Exists(output), $"soffice did not save in{i}.xlsx.");
            return File.ReadAllBytes(output);
        }).ToList();
    }
}
