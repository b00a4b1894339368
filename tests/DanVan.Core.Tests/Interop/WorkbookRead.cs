using System.Globalization;
using System.Text.Json;

namespace DanVan.Core.Tests.Interop;

/// <summary>What a tool read from a workbook: its sheets, the values of some defined names and some cells, as text.</summary>
public sealed record WorkbookRead(IReadOnlyList<(string Name, bool Hidden)> Sheets, IReadOnlyDictionary<string, string?> Names, IReadOnlyDictionary<string, string?> Cells)
{
    /// <summary>The JSON tools/interop/read.js prints.</summary>
    public static WorkbookRead FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var sheets = root.GetProperty("sheets").EnumerateArray().Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("hidden").GetBoolean())).ToList();
        return new WorkbookRead(sheets, Values(root.GetProperty("names")), Values(root.GetProperty("cells")));
    }

    private static Dictionary<string, string?> Values(JsonElement obj) =>
        obj.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value), StringComparer.Ordinal);

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => Number(value.GetDouble()),
        JsonValueKind.String => Blank(value.GetString()),
        JsonValueKind.True => "TRUE",
        JsonValueKind.False => "FALSE",
        _ => null,
    };

    /// <summary>Numbers as text the same way for every tool (1200, not 1200.0).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An empty cell is null whether a tool says "" or nothing.</summary>
    public static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
