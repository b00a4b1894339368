using System.Text.RegularExpressions;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;

namespace DanVan.Host.Tests.Deployment;

/// <summary>
/// infra/hooks/postdeploy.sh and .ps1 checked offline: syntax (bash -n, shellcheck), the outputs they read exist in
/// main.bicep, and the webhook they subscribe names the function and container the code has. PowerShell is not
/// installed here, so the .ps1 gets a structural check and must say what the bash script says.
/// </summary>
public sealed partial class PostdeployHookTests
{
    private static readonly string Bash = Repository.Read("infra", "hooks", "postdeploy.sh");
    private static readonly string Pwsh = Repository.Read("infra", "hooks", "postdeploy.ps1");

    [Fact]
    public void Bash_hook_parses()
    {
        var result = Repository.Run("bash", ["-n", Repository.PathOf("infra", "hooks", "postdeploy.sh")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [SkippableFact]
    public void Bash_hook_passes_shellcheck()
    {
        var shellcheck = Repository.Which("shellcheck");
        if (shellcheck is null && Repository.OnCi)
        {
            throw new InvalidOperationException("shellcheck is required on CI (.ci/run installs it) but was not found.");
        }
        Skip.If(shellcheck is null, "shellcheck is not installed.");

        var result = Repository.Run(shellcheck!, ["--shell=bash", "--severity=style", Repository.PathOf("infra", "hooks", "postdeploy.sh")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void PowerShell_hook_has_balanced_brackets_and_quotes()
    {
        Assert.Equal(string.Empty, Unbalanced(Pwsh));
    }

    [Fact]
    public void The_structural_check_catches_what_it_claims_to()
    {
        Assert.Equal(string.Empty, Unbalanced("if ($a) { Write-Host \"x}\" } # }\n$h = @{ a = 'b' }"));
        Assert.NotEqual(string.Empty, Unbalanced("if ($a) { Write-Host 'x' "));
        Assert.NotEqual(string.Empty, Unbalanced("Write-Host \"unterminated"));
        Assert.NotEqual(string.Empty, Unbalanced("$x = @(1, 2]"));
    }

    [Fact]
    public void Both_hooks_read_the_same_azd_values_and_main_bicep_outputs_each_of_them()
    {
        var bash = BashReads().Matches(Bash).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var pwsh = PwshReads().Matches(Pwsh).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var outputs = Template.Main["outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(bash);
        Assert.Equal(bash, pwsh);
        Assert.Subset(outputs, bash);
    }

    [Fact]
    public void Outputs_are_in_azd_upper_snake_form()
    {
        var outputs = Template.Main["outputs"]!.AsObject().Select(o => o.Key).ToList();

        Assert.All(outputs, o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o));
        Assert.Superset(new HashSet<string> { "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_FUNCTION_APP_NAME", "SERVICE_FUNCTIONS_NAME", "SERVICE_FUNCTIONS_URI", "PORTAL_URL", "AZURE_STORAGE_TABLE_ENDPOINT" }, outputs.ToHashSet());
    }

    /// <summary>The webhook must name the deployed function exactly (Host.Functions.NAME) and filter on the container the code watches.</summary>
    [Fact]
    public void Both_hooks_subscribe_blob_created_in_uploads_to_the_IngestUpload_function()
    {
        var expected = new Dictionary<string, string>
        {
            ["FunctionName"] = "Host.Functions." + FunctionNames.IngestUpload,
            ["SubjectPrefix"] = $"/blobServices/default/containers/{StorageNames.Uploads}/blobs/",
            ["SubscriptionName"] = "uploads-to-ingest",
            ["ApiVersion"] = "2022-06-15",
        };
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, BashConstant(name));
            Assert.Equal(value, PwshConstant(name));
        }
        foreach (var hook in new[] { Bash, Pwsh })
        {
            Assert.Contains("/runtime/webhooks/blobs?functionName=", hook, StringComparison.Ordinal);
            Assert.Contains("az functionapp keys list", hook, StringComparison.Ordinal);
            Assert.Contains("systemKeys.blobs_extension", hook, StringComparison.Ordinal);
            Assert.Contains("Microsoft.Storage.BlobCreated", hook, StringComparison.Ordinal);
            Assert.Contains("az rest --method put", hook, StringComparison.Ordinal);
            Assert.Contains("deadLetterWithResourceIdentity", hook, StringComparison.Ordinal);
        }
    }

    /// <summary>The key appears only after the code starts: an unbounded wait would hang `azd up`, none would fail it.</summary>
    [Fact]
    public void Both_hooks_wait_for_the_key_a_bounded_number_of_times()
    {
        Assert.Matches(@"for attempt in \$\(seq 1 ""\$KEY_ATTEMPTS""\)", Bash);
        Assert.Contains("sleep \"$KEY_DELAY_SECONDS\"", Bash, StringComparison.Ordinal);
        Assert.Matches(@"for \(\$attempt = 1; \$attempt -le \$KeyAttempts; \$attempt\+\+\)", Pwsh);
        Assert.Contains("Start-Sleep -Seconds $KeyDelaySeconds", Pwsh, StringComparison.Ordinal);
    }

    private static string BashConstant(string pascal)
    {
        var snake = Regex.Replace(pascal, "(?<=[a-z])([A-Z])", "_$1").ToUpperInvariant();
        return Regex.Match(Bash, $"^{snake}=\"([^\"]*)\"$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : $"<{snake} missing>";
    }

    private static string PwshConstant(string name) =>
        Regex.Match(Pwsh, $"^\\${name} = '([^']*)'$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : $"<${name} missing>";

    /// <summary>Brackets of every kind matched, strings closed, comments and here-strings skipped; empty when fine, else what is wrong.</summary>
    private static string Unbalanced(string script)
    {
        var stack = new Stack<(char Open, int Line)>();
        var line = 1;
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '#':
                    while (i + 1 < script.Length && script[i + 1] != '\n')
                    {
                        i++;
                    }
                    break;
                case '\'' or '"':
                    var start = line;
                    i++;
                    while (i < script.Length && !(script[i] == c && script[i - 1] != '`'))
                    {
                        line += script[i] == '\n' ? 1 : 0;
                        i++;
                    }
                    if (i >= script.Length)
                    {
                        return $"string opened on line {start} is not closed";
                    }
                    break;
                case '(' or '{' or '[':
                    stack.Push((c, line));
                    break;
                case ')' or '}' or ']':
                    var open = c switch { ')' => '(', '}' => '{', _ => '[' };
                    if (stack.Count == 0 || stack.Peek().Open != open)
                    {
                        return $"'{c}' on line {line} closes nothing open";
                    }
                    stack.Pop();
                    break;
            }
        }
        return stack.Count == 0 ? string.Empty : $"'{stack.Peek().Open}' opened on line {stack.Peek().Line} is not closed";
    }

    [GeneratedRegex(@"env_value ([A-Z_]+)\)")]
    private static partial Regex BashReads();

    [GeneratedRegex(@"Get-EnvValue '([A-Z_]+)'")]
    private static partial Regex PwshReads();
}
