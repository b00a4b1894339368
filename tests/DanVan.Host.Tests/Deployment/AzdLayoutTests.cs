using System.Text.Json;
using System.Text.RegularExpressions;

namespace DanVan.Host.Tests.Deployment;

/// <summary>azure.yaml, the Bicep it provisions and the parameters azd fills agree with each other and with the repository.</summary>
public sealed partial class AzdLayoutTests
{
    private static readonly string[] AzureYaml = File.ReadAllLines(Repository.PathOf("azure.yaml"));

    [Fact]
    public void The_single_service_is_the_functions_project_hosted_as_a_function_app()
    {
        var services = Block(AzureYaml, "services");
        var name = Assert.Single(Keys(services, indent: 2));

        var service = Block(services, name);
        Assert.Equal("functions", name);
        Assert.Equal("./src/DanVan.Functions", Value(service, "project"));
        Assert.Equal("dotnet", Value(service, "language"));
        Assert.Equal("function", Value(service, "host"));
        Assert.True(File.Exists(Repository.PathOf("src", "DanVan.Functions", "DanVan.Functions.csproj")));
    }

    /// <summary>azd finds the app to deploy to by this tag: a mismatch deploys nothing ("resource not found").</summary>
    [Fact]
    public void The_function_app_carries_the_service_name_of_azure_yaml_as_its_azd_tag()
    {
        var service = Assert.Single(Keys(Block(AzureYaml, "services"), indent: 2));
        var tags = Template.Text(Template.Single("Microsoft.Web/sites")["tags"]);

        var tagged = ServiceTag().Matches(tags).Select(m => m.Groups[1].Value);
        Assert.Equal([service], tagged);
        Assert.Single(Template.Resources["resources"]!.AsArray(), r => Template.Text(r!["tags"]).Contains("azd-service-name", StringComparison.Ordinal));
    }

    [Fact]
    public void Infra_is_the_bicep_main_module_in_infra()
    {
        var infra = Block(AzureYaml, "infra");

        Assert.Equal("bicep", Value(infra, "provider"));
        Assert.Equal("infra", Value(infra, "path"));
        Assert.Equal("main", Value(infra, "module"));
        Assert.Equal("danvan", Value(AzureYaml, "name"));
    }

    [Theory]
    [InlineData("posix", "bash infra/hooks/postdeploy.sh")]
    [InlineData("windows", "infra/hooks/postdeploy.ps1")]
    public void The_postdeploy_hook_runs_a_script_that_exists(string platform, string expected)
    {
        var hook = Block(Block(Block(AzureYaml, "hooks"), "postdeploy"), platform);

        Assert.Equal(expected, Value(hook, "run"));
        Assert.True(File.Exists(Repository.PathOf(expected.Split(' ')[^1].Split('/'))));
    }

    [Fact]
    public void Parameters_file_gives_only_declared_parameters_and_every_required_one()
    {
        using var document = JsonDocument.Parse(Repository.Read("infra", "main.parameters.json"));
        var given = document.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").ToString());
        var declared = Template.Main["parameters"]!.AsObject();

        Assert.Equal([], given.Keys.Where(k => !declared.ContainsKey(k)).ToArray());
        Assert.Equal([], declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).Where(k => !given.ContainsKey(k)).ToArray());
        Assert.Equal("${AZURE_ENV_NAME}", given["environmentName"]);
        Assert.Equal("${AZURE_LOCATION}", given["location"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", given["principalId"]);
    }

    /// <summary>A default after '=' in a parameters file must be one the parameter allows, or azd fails at provision time.</summary>
    [Fact]
    public void Parameter_defaults_given_to_azd_are_allowed_values()
    {
        using var document = JsonDocument.Parse(Repository.Read("infra", "main.parameters.json"));
        foreach (var p in document.RootElement.GetProperty("parameters").EnumerateObject())
        {
            var match = AzdDefault().Match(p.Value.GetProperty("value").ToString());
            if (!match.Success || match.Groups[1].Value.Length == 0)
            {
                continue;
            }
            var allowed = Template.Main["parameters"]![p.Name]!["allowedValues"]?.AsArray().Select(v => v!.ToString()).ToList();
            Assert.True(allowed is null || allowed.Contains(match.Groups[1].Value), $"{p.Name}: default '{match.Groups[1].Value}' is not allowed");
        }
    }

    /// <summary>Lines under "key:" (more indented than it), without the key line.</summary>
    internal static string[] Block(string[] lines, string key)
    {
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'));
        Assert.True(start >= 0, $"'{key}:' not found");
        var indent = Indent(lines[start]);
        return lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#') || Indent(l) > indent).ToArray();
    }

    private static IEnumerable<string> Keys(string[] block, int indent) =>
        block.Where(l => Indent(l) == indent && l.TrimEnd().EndsWith(':')).Select(l => l.Trim().TrimEnd(':'));

    private static string Value(string[] block, string key)
    {
        var indent = block.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Min(Indent);
        var line = Assert.Single(block, l => Indent(l) == indent && l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        return line.Split(':', 2)[1].Trim();
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    [GeneratedRegex(@"'azd-service-name',\s*'([^']+)'")]
    private static partial Regex ServiceTag();

    [GeneratedRegex(@"^\$\{\w+=([^}]*)\}$")]
    private static partial Regex AzdDefault();
}
