using System.Text.Encodings.Web;
using System.Text.Json;

namespace DanVan.Host.Cli;

/// <summary>--json output: camelCase English keys, Vietnamese values left readable.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };
}
