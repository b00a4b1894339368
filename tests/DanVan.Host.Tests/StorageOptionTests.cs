using DanVan.Host.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Tests;

/// <summary>
/// `--storage` names a connection string (Azurite, as printed by `danvan serve`), or an Azure account by name or by
/// endpoint, then reached with Entra ID. Parsing only: no request leaves the process.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class StorageOptionTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(StorageOption.EnvironmentVariable);

    public StorageOptionTests() => Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, null);

    public void Dispose() => Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, _saved);

    [Fact]
    public void An_account_name_gives_its_blob_table_and_queue_endpoints()
    {
        var account = Assert.IsType<StorageTarget.Account>(StorageOption.Parse("stdanvanab12cd"));

        Assert.Equal("stdanvanab12cd", account.Name);
        Assert.Equal(new Uri("https://stdanvanab12cd.blob.core.windows.net/"), account.BlobEndpoint);
        Assert.Equal(new Uri("https://stdanvanab12cd.table.core.windows.net/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://stdanvanab12cd.queue.core.windows.net/"), account.QueueEndpoint);
    }

    [Theory]
    [InlineData("https://stdanvanab12cd.table.core.windows.net")]
    [InlineData("https://stdanvanab12cd.blob.core.windows.net/")]
    [InlineData("https://STDANVANAB12CD.Queue.core.windows.net")]
    [InlineData(" https://stdanvanab12cd.dfs.core.windows.net/ ")]
    public void Any_endpoint_of_the_account_gives_the_same_three_endpoints(string endpoint)
    {
        Assert.Equal(StorageOption.Parse("stdanvanab12cd"), StorageOption.Parse(endpoint));
    }

    [Fact]
    public void The_cloud_suffix_of_an_endpoint_is_kept()
    {
        var account = Assert.IsType<StorageTarget.Account>(StorageOption.Parse("https://stdanvan1.table.core.chinacloudapi.cn/"));

        Assert.Equal(new Uri("https://stdanvan1.blob.core.chinacloudapi.cn/"), account.BlobEndpoint);
        Assert.Equal(new Uri("https://stdanvan1.queue.core.chinacloudapi.cn/"), account.QueueEndpoint);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    public void A_connection_string_is_passed_on_unchanged(string connection)
    {
        Assert.Equal(new StorageTarget.ConnectionString(connection), StorageOption.Parse(connection));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Not_An_Account")]
    [InlineData("http://stdanvanab12cd.table.core.windows.net")]
    [InlineData("https://example.com")]
    [InlineData("https://stdanvanab12cd.table.core.windows.net/AccessKeys")]
    [InlineData("https://stdanvanab12cd.table.core.windows.net:8443")]
    public async Task Anything_else_is_wrong_usage_with_a_vietnamese_message(string storage)
    {
        var r = await Cli.RunAsync("keys", "list", "--storage", storage);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("không hợp lệ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_endpoint_in_DANVAN_STORAGE_is_wrong_usage_too()
    {
        Environment.SetEnvironmentVariable(StorageOption.EnvironmentVariable, "https://");
        var r = await Cli.RunAsync("status", "--period", "2025-Q3");

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("https://TÊN_TÀI_KHOẢN", r.Error, StringComparison.Ordinal);
    }

    /// <summary>The deploying principal may write AccessKeys and nothing else: creating containers and tables would be refused.</summary>
    [Fact]
    public async Task On_an_azure_account_nothing_is_created()
    {
        await using var provider = StorageOption.Services("stdanvanab12cd");

        Assert.IsType<StorageTarget.Account>(provider.GetRequiredService<StorageTarget>());
        // Would attempt a sign-in and a Create Table request (and fail here, offline) if it did not skip.
        await StorageOption.EnsureCreatedAsync(provider, CancellationToken.None);
    }

    [Fact]
    public async Task Serve_refuses_an_azure_account_and_says_where_it_runs()
    {
        var r = await Cli.RunAsync("serve", "--storage", "stdanvanab12cd", "--quiet");

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("docs/deploy-azure.md", r.Error, StringComparison.Ordinal);
    }
}
