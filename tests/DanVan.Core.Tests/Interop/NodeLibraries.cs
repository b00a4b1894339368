using System.Text.Json;

namespace DanVan.Core.Tests.Interop;

/// <summary>
/// SheetJS, ExcelJS and xlsx-populate, pinned in tools/interop (package-lock.json) and driven by its read.js and
/// write.js. Installed by .ci/run; here installed on demand with <c>npm ci</c> when node and npm are present.
/// </summary>
public static class NodeLibraries
{
    public const string SheetJs = "sheetjs";
    public const string ExcelJs = "exceljs";
    public const string XlsxPopulate = "xlsx-populate";

    public static readonly string[] All = [SheetJs, ExcelJs, XlsxPopulate];

    private static readonly string Folder = Path.Combine(Tools.RepoRoot, "tools", "interop");
    private static readonly Lazy<string?> Missing = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? node;

    public static void SkipUnlessAvailable() => Tools.Require(Missing.Value);

    private static string? Install()
    {
        node = Tools.Which("node");
        if (node is null)
        {
            return "node is not installed (tools/interop needs Node.js).";
        }
        if (Directory.Exists(Path.Combine(Folder, "node_modules", "exceljs")) && Directory.Exists(Path.Combine(Folder, "node_modules", "xlsx"))
            && Directory.Exists(Path.Combine(Folder, "node_modules", "xlsx-populate")))
        {
            return null;
        }
        if (Tools.Which("npm") is not { } npm)
        {
            return "tools/interop/node_modules is missing and npm is not installed to run `npm ci` there.";
        }
        try
        {
            Tools.Run(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Folder, TimeSpan.FromMinutes(5));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return "`npm ci` in tools/interop failed: " + ex.Message;
        }
    }

    /// <summary>Opens <paramref name="workbook"/> with <paramref name="library"/> and reads the given defined names and cells ("Sheet!A1").</summary>
    public static WorkbookRead Read(string library, byte[] workbook, IEnumerable<string> names, IEnumerable<string> cells)
    {
        using var dir = new TempDir();
        var file = dir.Write("in.xlsx", workbook);
        var request = dir.Write("request.json", JsonSerializer.SerializeToUtf8Bytes(new { names = names.ToArray(), cells = cells.ToArray() }));
        return WorkbookRead.FromJson(Tools.Run(node!, [Path.Combine(Folder, "read.js"), library, file, request]));
    }

    /// <summary>Opens the template with <paramref name="library"/>, sets each defined name's cell to its value (number or text) and saves.</summary>
    public static byte[] Write(string library, byte[] template, IReadOnlyDictionary<string, object> values)
    {
        using var dir = new TempDir();
        var input = dir.Write("in.xlsx", template);
        var json = dir.Write("values.json", JsonSerializer.SerializeToUtf8Bytes(values));
        var output = Path.Combine(dir.Path, "out.xlsx");
        Tools.Run(node!, [Path.Combine(Folder, "write.js"), library, input, output, json]);
        return File.ReadAllBytes(output);
    }
}

/// <summary>A temporary folder removed at the end of a test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("danvan-interop-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
