using System.Text.Json.Nodes;
using DanVan.Pipeline.Storage;

namespace DanVan.Host.Tests.Deployment;

/// <summary>
/// infra/*.bicep built and linted by the offline bicep CLI, then the ARM output checked for what the code and the
/// operator depend on. Deployment itself needs an Azure subscription and is not attempted here.
/// </summary>
public sealed class BicepTemplateTests
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string CryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

    [Fact]
    public void Main_bicep_builds_without_errors_or_warnings()
    {
        var result = Repository.Bicep("build", Repository.PathOf("infra", "main.bicep"), "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Error", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("resources.bicep")]
    public void Lint_is_clean(string file)
    {
        var result = Repository.Bicep("lint", Repository.PathOf("infra", file));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, (result.StandardError + result.StandardOutput).Trim());
    }

    /// <summary>The code creates what it misses only on Azurite; in Azure a name missing here is a 404 (or a 403: nobody may create).</summary>
    [Fact]
    public void Every_container_table_and_queue_the_code_uses_is_declared()
    {
        Assert.Superset(StorageNames.Containers.Append("portal-keys").ToHashSet(), Declared("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Superset(StorageNames.Tables.ToHashSet(), Declared("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Superset(StorageNames.Queues.Concat(StorageNames.Queues.Select(q => q + "-poison")).ToHashSet(), Declared("Microsoft.Storage/storageAccounts/queueServices/queues"));
    }

    [Fact]
    public void Event_grid_dead_letters_have_a_container_and_only_that_container_is_writable_by_the_topic()
    {
        var deadLetter = Template.Variable("deadLetterContainer").GetValue<string>();
        Assert.Contains(deadLetter, Declared("Microsoft.Storage/storageAccounts/blobServices/containers"));

        var topicGrant = Assert.Single(RoleAssignments(), r => Template.Text(r["properties"]!["principalId"]).Contains("'Microsoft.EventGrid/systemTopics'", StringComparison.Ordinal));
        Assert.Contains(BlobDataContributor, Resolve(RoleId(topicGrant)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("'Microsoft.Storage/storageAccounts/blobServices/containers'", Template.Text(topicGrant["scope"]), StringComparison.Ordinal);
        Assert.Contains("variables('deadLetterContainer')", Template.Text(topicGrant["scope"]), StringComparison.Ordinal);
    }

    /// <summary>Agencies write uploads/ only through the portal: nothing grants blob write on uploads (or the account) to a person.</summary>
    [Fact]
    public void The_deploying_principal_gets_table_data_contributor_on_AccessKeys_and_nothing_else()
    {
        var grants = RoleAssignments().Where(r => Template.Text(r["properties"]!["principalId"]) == "[parameters('principalId')]").ToList();

        var grant = Assert.Single(grants);
        Assert.Contains(TableDataContributor, Resolve(RoleId(grant)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/tableServices/tables', variables('storageName'), 'default', 'AccessKeys')]", Template.Text(grant["scope"]));
        Assert.Equal("[parameters('principalType')]", Template.Text(grant["properties"]!["principalType"]));
        Assert.Contains("[not(empty(parameters('principalId')))]", Template.Text(grant["condition"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_identity_gets_the_pipeline_data_roles_and_wraps_with_one_key()
    {
        var app = Template.Single("Microsoft.Web/sites");
        Assert.Equal("SystemAssigned", app["identity"]!["type"]!.GetValue<string>());
        var appGrants = RoleAssignments().Where(r => Template.Text(r["properties"]!["principalId"]).Contains("'Microsoft.Web/sites'", StringComparison.Ordinal)).ToList();

        var storageRoles = appGrants.Where(r => Template.Text(r["scope"]) == "[resourceId('Microsoft.Storage/storageAccounts', variables('storageName'))]")
            .SelectMany(r => Template.LoopVariable(r) is { } loop ? Template.Variable(loop).AsArray().Select(v => Resolve(v!.GetValue<string>())) : [Resolve(RoleId(r))])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BlobDataOwner, TableDataContributor, QueueDataContributor }, storageRoles);

        var keyGrant = Assert.Single(appGrants, r => Template.Text(r["scope"]).Contains("'Microsoft.KeyVault/vaults/keys'", StringComparison.Ordinal));
        Assert.Contains(CryptoServiceEncryptionUser, Resolve(RoleId(keyGrant)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Key_vault_is_rbac_only_and_holds_the_rsa_key_the_app_setting_names()
    {
        Assert.True(Template.Single("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        var key = Template.Single("Microsoft.KeyVault/vaults/keys");
        Assert.Equal("portal-dataprotection", Template.Variable("dataProtectionKeyName").GetValue<string>());
        Assert.Equal("RSA", key["properties"]!["kty"]!.GetValue<string>());
        Assert.Equal(["unwrapKey", "wrapKey"], key["properties"]!["keyOps"]!.AsArray().Select(o => o!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Versionless (keyUri, not keyUriWithVersion): a rotated key version is used without redeploying.
        var setting = Settings()["DanVan__Portal__KeyVaultKeyUri"];
        Assert.Contains("'Microsoft.KeyVault/vaults/keys'", setting, StringComparison.Ordinal);
        Assert.EndsWith(".keyUri]", setting, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_settings_are_identity_based_with_telemetry_and_no_home_page()
    {
        var settings = Settings();

        Assert.Superset(
            new HashSet<string>
            {
                "AzureWebJobsStorage__accountName", "DanVanStorage__blobServiceUri", "DanVanStorage__tableServiceUri", "DanVanStorage__queueServiceUri",
                "APPLICATIONINSIGHTS_CONNECTION_STRING", "DanVan__ConsolidationSchedule", "DanVan__NightlySchedule", "DanVan__PendingSchedule",
                "DanVan__ReconcileSchedule", "DanVan__ReminderSchedule",
            },
            settings.Keys.ToHashSet());
        Assert.Equal("true", settings["AzureWebJobsDisableHomepage"]);
        Assert.Contains("'Microsoft.Insights/components'", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("DanVanStorage", settings.Keys);

        var json = Template.Main.ToJsonString();
        Assert.DoesNotContain("listKeys(", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.Ordinal);
        Assert.False(Template.Single("Microsoft.Storage/storageAccounts")["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var runtime = Template.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("FC1", Template.Single("Microsoft.Web/serverfarms")["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", Template.Main["parameters"]!["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Storage_account_refuses_anonymous_and_plain_http_access()
    {
        var properties = Template.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("blobServices")]
    [InlineData("tableServices")]
    [InlineData("queueServices")]
    public void Storage_service_logs_go_to_the_workspace(string service)
    {
        var setting = Assert.Single(Template.OfType("Microsoft.Insights/diagnosticSettings"), d => Template.Text(d["scope"]).Contains($"/{service}", StringComparison.Ordinal));

        Assert.Contains("'Microsoft.OperationalInsights/workspaces'", Template.Text(setting["properties"]!["workspaceId"]), StringComparison.Ordinal);
        Assert.Equal(["StorageDelete", "StorageRead", "StorageWrite"], Template.Variable("storageLogs").AsArray().Select(l => l!["category"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    /// <summary>With allowedIpRanges set, the portal is closed to others but Event Grid must still reach the blob webhook.</summary>
    [Fact]
    public void Restricting_the_portal_keeps_event_grid_deliveries_allowed()
    {
        var rule = Assert.Single(Template.Variable("eventGridRule").AsArray())!;
        Assert.Equal("AzureEventGrid", rule["ipAddress"]!.GetValue<string>());
        Assert.Equal("ServiceTag", rule["tag"]!.GetValue<string>());
        Assert.Equal("Allow", rule["action"]!.GetValue<string>());

        var siteConfig = Template.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!;
        Assert.Contains("variables('eventGridRule')", Template.Text(siteConfig["ipSecurityRestrictions"]), StringComparison.Ordinal);
        Assert.Contains("'Deny'", Template.Text(siteConfig["ipSecurityRestrictionsDefaultAction"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_resource_carries_the_azd_environment_tag()
    {
        var untagged = Template.Resources["resources"]!.AsArray()
            .Where(r => r!["location"] is not null)
            .Where(r => !Template.Text(r!["tags"]).Contains("variables('tags')", StringComparison.Ordinal))
            .Select(r => r!["type"]!.GetValue<string>())
            .ToList();

        Assert.Empty(untagged);
        Assert.Equal("[parameters('environmentName')]", Template.Text(Template.Variable("tags")["azd-env-name"]));
    }

    private static HashSet<string> Declared(string type)
    {
        var resource = Template.Single(type);
        var loop = Template.LoopVariable(resource);
        Assert.True(loop is not null, $"{type} is expected to be a copy loop over a variable: {resource["name"]}");
        return Template.Names(loop!);
    }

    private static IEnumerable<JsonNode> RoleAssignments() => Template.OfType("Microsoft.Authorization/roleAssignments");

    private static string RoleId(JsonNode assignment) => Template.Text(assignment["properties"]!["roleDefinitionId"]);

    /// <summary>"[subscriptionResourceId(..., variables('roles').x)]" → the role id it names.</summary>
    private static string Resolve(string roleDefinitionId)
    {
        var member = System.Text.RegularExpressions.Regex.Match(roleDefinitionId, @"variables\('roles'\)\.(\w+)");
        return member.Success ? Template.Variable("roles")[member.Groups[1].Value]!.GetValue<string>() : roleDefinitionId;
    }

    private static Dictionary<string, string> Settings() =>
        Template.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => Template.Text(s!["value"]), StringComparer.Ordinal);
}
