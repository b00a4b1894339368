using System.Diagnostics;

namespace DanVan.Core.Tests.Templates;

/// <summary>
/// Re-saves a workbook as LibreOffice Calc does (<c>soffice --headless --convert-to</c>). soffice exits 0
/// even when it fails, so the output file is what counts. Missing soffice skips the test, except on CI.
/// </summary>
public static class LibreOffice
{
    private static readonly Lazy<string?> Path = new(Find);

    public static void SkipUnlessAvailable()
    {
        if (Path.Value is not null)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("soffice (LibreOffice Calc) is required on CI but was not found.");
        }
        Skip.If(true, "LibreOffice (soffice) is not installed.");
    }

    /// <summary>Opens <paramref name="input"/> in Calc and saves it as <paramref name="format"/> ("xlsx", "ods").</summary>
    public static byte[] Convert(byte[] input, string inputExtension, string format)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-lo-");
        try
        {
            var source = System.IO.Path.Combine(dir.FullName, "in." + inputExtension);
            File.WriteAllBytes(source, input);
            var outDir = Directory.CreateDirectory(System.IO.Path.Combine(dir.FullName, "out")).FullName;
            var filter = format == "xlsx" ? "xlsx:Calc MS Excel 2007 XML" : format;
            var psi = new ProcessStartInfo(Path.Value!)
            {
                ArgumentList = { $"-env:UserInstallation=file://{dir.FullName}/profile", "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, source },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("soffice did not finish in 120 s.");
            }
            var output = System.IO.Path.Combine(outDir, "in." + format);
            Assert.True(File.Exists(output), $"soffice produced no file: {process.StandardError.ReadToEnd()} {process.StandardOutput.ReadToEnd()}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            var candidate = System.IO.Path.Combine(dir, "soffice");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
