using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DanVan.Functions.Tests;

/// <summary>
/// infra/main.bicep compiled and linted by the offline bicep CLI, then the ARM output checked for what the
/// design depends on. Deployment itself needs an Azure subscription and is not attempted here.
/// </summary>
public sealed partial class InfraTests
{
    private static readonly Lazy<JsonObject> Template = new(Compile);

    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

    [Fact]
    public void Bicep_builds_without_errors_or_warnings()
    {
        var result = BicepCli.Run("build", MainBicep, "--stdout");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotContain("Error", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Bicep_lint_is_clean()
    {
        var result = BicepCli.Run("lint", MainBicep);

        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        Assert.Equal(string.Empty, (result.StandardError + result.StandardOutput).Trim());
    }

    [Fact]
    public void Storage_has_the_four_containers_of_the_design()
    {
        var containers = CopiedNames("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Subset(containers, new HashSet<string> { "uploads", "archive", "feedback", "published" });
    }

    [Fact]
    public void Storage_has_the_tables_of_the_design()
    {
        var tables = CopiedNames("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Subset(tables, new HashSet<string> { "Submissions", "Values", "Aggregates", "Audit", "CurrentVersions", "Reopenings", "AccessKeys" });
    }

    [Fact]
    public void Storage_account_is_locked_down()
    {
        var properties = Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal("StorageV2", Single("Microsoft.Storage/storageAccounts")["kind"]!.GetValue<string>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Function_app_identity_gets_blob_table_and_queue_data_roles_on_the_storage_account()
    {
        var app = Single("Microsoft.Web/sites");
        Assert.Equal("SystemAssigned", app["identity"]!["type"]!.GetValue<string>());

        var granted = Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => Text(r["properties"]!["principalId"]).Contains("'Microsoft.Web/sites'", StringComparison.Ordinal)
                && Text(r["properties"]!["principalId"]).Contains(".identity.principalId", StringComparison.Ordinal)
                && Text(r["scope"]).Contains("'Microsoft.Storage/storageAccounts'", StringComparison.Ordinal))
            .SelectMany(r => RoleIds(Text(r["properties"]!["roleDefinitionId"])))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Subset(granted, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BlobDataOwner, TableDataContributor, QueueDataContributor });
    }

    [Fact]
    public void Function_app_uses_identity_based_settings_and_no_keys()
    {
        var settings = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>
            {
                "AzureWebJobsStorage__accountName",
                "DanVanStorage__blobServiceUri",
                "DanVanStorage__tableServiceUri",
                "DanVanStorage__queueServiceUri",
                "DanVan__ConsolidationSchedule",
                "DanVan__NightlySchedule",
                "DanVan__PendingSchedule",
                "DanVan__ReminderSchedule",
            },
            settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        Assert.DoesNotContain("DanVanStorage", settings);

        var json = Template.Value.ToJsonString();
        Assert.DoesNotContain("listKeys(resourceId('Microsoft.Storage", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_on_flex_consumption()
    {
        var runtime = Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("FC1", Single("Microsoft.Web/serverfarms")["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", Template.Value["parameters"]!["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Event_grid_sends_blob_created_in_uploads_to_the_IngestUpload_webhook()
    {
        Assert.Equal("Microsoft.Storage.StorageAccounts", Single("Microsoft.EventGrid/systemTopics")["properties"]!["topicType"]!.GetValue<string>());

        var subscription = Single("Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        var endpoint = Text(subscription["destination"]!["properties"]!["endpointUrl"]);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions." + IngestUpload.Name + "&code=", endpoint, StringComparison.Ordinal);
        Assert.Contains("blobs_extension", endpoint, StringComparison.Ordinal);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription["filter"]!["includedEventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("/blobServices/default/containers/uploads/blobs/", subscription["filter"]!["subjectBeginsWith"]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_file_matches_the_template()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "infra", "main.parameters.json")));
        var declared = Template.Value["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var given = document.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(declared, given);
        Assert.Equal("southeastasia", document.RootElement.GetProperty("parameters").GetProperty("location").GetProperty("value").GetString());
    }

    private static string MainBicep => Path.Combine(TestPaths.RepositoryRoot, "infra", "main.bicep");

    private static JsonObject Compile()
    {
        var result = BicepCli.Run("build", MainBicep, "--stdout");
        Assert.True(result.ExitCode == 0, result.StandardError);
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    private static IEnumerable<JsonNode> Resources(string type) =>
        Template.Value["resources"]!.AsArray().Where(r => r!["type"]!.GetValue<string>() == type)!;

    private static JsonNode Single(string type) => Assert.Single(Resources(type));

    /// <summary>Names of a copy-loop resource: "[format(..., variables('x')[copyIndex()])]" expanded over variable x.</summary>
    private static HashSet<string> CopiedNames(string type)
    {
        var name = Text(Single(type)["name"]);
        var loop = CopyVariable().Match(name);
        Assert.True(loop.Success, $"{type} is expected to be a copy loop over a variable: {name}");
        return Variable(loop.Groups[1].Value).AsArray().Select(v => Resolve(v!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Role ids of a roleDefinitionId expression: a literal, variables('roles').x, or a copy loop over such values.</summary>
    private static IEnumerable<string> RoleIds(string roleDefinitionId)
    {
        var loop = CopyVariable().Match(roleDefinitionId);
        if (loop.Success)
        {
            return Variable(loop.Groups[1].Value).AsArray().Select(v => Resolve(v!.GetValue<string>()));
        }

        var member = RoleMember().Match(roleDefinitionId);
        return member.Success ? [Variable("roles")[member.Groups[1].Value]!.GetValue<string>()] : [roleDefinitionId];
    }

    private static string Resolve(string value)
    {
        var reference = VariableExpression().Match(value);
        if (!reference.Success)
        {
            return value;
        }

        var target = Variable(reference.Groups[1].Value);
        return reference.Groups[2].Success ? target[reference.Groups[2].Value]!.GetValue<string>() : target.GetValue<string>();
    }

    private static JsonNode Variable(string name) =>
        Template.Value["variables"]![name] ?? throw new InvalidOperationException($"ARM variable '{name}' not found");

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopyVariable();

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleMember();

    [GeneratedRegex(@"^\[variables\('(\w+)'\)(?:\.(\w+))?\]$")]
    private static partial Regex VariableExpression();
}
