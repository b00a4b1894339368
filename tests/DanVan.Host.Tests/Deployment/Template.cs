using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DanVan.Host.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled once by the offline bicep CLI: the subscription-level template (resource group,
/// outputs azd reads) and the resource-group template it deploys (resources.bicep, inlined as a nested deployment).
/// </summary>
internal static partial class Template
{
    private static readonly Lazy<JsonObject> Compiled = new(Compile);

    public static JsonObject Main => Compiled.Value;

    public static JsonObject Resources =>
        Main["resources"]!.AsArray().Single(r => Type(r) == "Microsoft.Resources/deployments")!["properties"]!["template"]!.AsObject();

    public static IEnumerable<JsonNode> OfType(string type) => Resources["resources"]!.AsArray().Where(r => Type(r) == type)!;

    public static JsonNode Single(string type) => Assert.Single(OfType(type));

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    /// <summary>A variable of resources.bicep that is an array of names, each either a literal or "[variables('x')]".</summary>
    public static HashSet<string> Names(string variable) =>
        Variable(variable).AsArray().Select(v => Resolve(v!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);

    public static JsonNode Variable(string name) =>
        Resources["variables"]![name] ?? throw new InvalidOperationException($"ARM variable '{name}' not found");

    /// <summary>The variable a copy-loop resource iterates: "[... variables('x')[copyIndex()] ...]".</summary>
    public static string? LoopVariable(JsonNode resource)
    {
        var match = CopyVariable().Match(Text(resource["name"]));
        return match.Success ? match.Groups[1].Value : null;
    }

    public static string Resolve(string value)
    {
        var reference = VariableExpression().Match(value);
        return reference.Success ? Variable(reference.Groups[1].Value).GetValue<string>() : value;
    }

    private static string Type(JsonNode? resource) => resource!["type"]!.GetValue<string>();

    private static JsonObject Compile()
    {
        var result = Repository.Bicep("build", Repository.PathOf("infra", "main.bicep"), "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopyVariable();

    [GeneratedRegex(@"^\[variables\('(\w+)'\)\]$")]
    private static partial Regex VariableExpression();
}
