using System.Text.RegularExpressions;
using Azure.Identity;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.Cli;

/// <summary>
/// Verbs that touch storage take <c>--storage</c> or the DANVAN_STORAGE environment variable: a connection string
/// (e.g. the Azurite that `danvan serve` started, whose connection string it prints), or an Azure storage account,
/// given by name or by one of its endpoints, reached with the operator's Entra ID sign-in (DefaultAzureCredential:
/// `az login`, `azd auth login`, Visual Studio, a managed identity…). Deployed accounts accept no keys (infra/).
/// </summary>
public static partial class StorageOption
{
    public const string EnvironmentVariable = "DANVAN_STORAGE";

    private const string AzureSuffix = "core.windows.net";

    public static ServiceProvider Services(string? storageOption)
    {
        var target = Parse(storageOption ?? Environment.GetEnvironmentVariable(EnvironmentVariable));
        DanVanStorage storage;
        try
        {
            storage = target switch
            {
                StorageTarget.Account a => new DanVanStorage(a.BlobEndpoint, a.TableEndpoint, new DefaultAzureCredential(), a.QueueEndpoint),
                StorageTarget.ConnectionString c => new DanVanStorage(c.Value),
                _ => throw new InvalidOperationException(target.GetType().Name),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException("Chuỗi kết nối kho lưu trữ (--storage hoặc DANVAN_STORAGE) không hợp lệ: " + ex.Message);
        }
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Azure", LogLevel.Error));
        services.AddSingleton(target);
        services.AddDanVanPipeline(storage);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Creates the containers and tables on a local storage (Azurite starts empty). A deployed account already has
    /// them (infra/resources.bicep), and the operator's roles there are data roles on single tables, which cannot
    /// create anything: there the call would be refused, so it is skipped.
    /// </summary>
    public static async Task EnsureCreatedAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        if (provider.GetRequiredService<StorageTarget>() is StorageTarget.ConnectionString)
        {
            await provider.GetRequiredService<DanVanStorage>().EnsureCreatedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What <c>--storage</c> names: an account name (<c>stdanvanabc123</c>), an endpoint of the account
    /// (<c>https://ACCOUNT.table.core.windows.net</c>, blob, queue or dfs), or else a connection string.
    /// </summary>
    public static StorageTarget Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("Chưa có kho lưu trữ: dùng --storage TÊN_TÀI_KHOẢN (hoặc https://TÊN_TÀI_KHOẢN.table.core.windows.net, đăng nhập bằng az login), --storage \"chuỗi kết nối\" (lệnh danvan serve in ra chuỗi này), hoặc biến môi trường DANVAN_STORAGE.");
        }
        var value = text.Trim();
        // Connection strings are Key=Value pairs (their endpoints included); account names and endpoints have no '='.
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return new StorageTarget.ConnectionString(value);
        }
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return FromEndpoint(value);
        }
        if (AccountName().IsMatch(value))
        {
            return StorageTarget.Account.Create(value, AzureSuffix);
        }
        throw new UsageException($"--storage '{value}' không hợp lệ: cần tên tài khoản lưu trữ (3–24 chữ thường và số), địa chỉ https://TÊN_TÀI_KHOẢN.table.core.windows.net, hoặc một chuỗi kết nối.");
    }

    private static StorageTarget.Account FromEndpoint(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"Địa chỉ kho lưu trữ '{value}' không hợp lệ: cần dạng https://TÊN_TÀI_KHOẢN.table.core.windows.net (chỉ https). Với Azurite, dùng chuỗi kết nối mà lệnh danvan serve in ra.");
        }
        var host = EndpointHost().Match(uri.Host);
        if (!host.Success || uri.AbsolutePath.Trim('/').Length > 0 || !uri.IsDefaultPort)
        {
            throw new UsageException($"Địa chỉ kho lưu trữ '{value}' không hợp lệ: cần địa chỉ của tài khoản, không kèm vùng chứa hay bảng, dạng https://TÊN_TÀI_KHOẢN.blob.core.windows.net hoặc .table., .queue.");
        }
        return StorageTarget.Account.Create(host.Groups["account"].Value, host.Groups["suffix"].Value);
    }

    // Storage account names: 3-24 lower-case letters and digits (Azure's rule), so never a connection string.
    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();

    // ACCOUNT.SERVICE.SUFFIX, the suffix kept so sovereign clouds (core.chinacloudapi.cn, …) work too.
    [GeneratedRegex(@"^(?<account>[a-z0-9]{3,24})\.(?:blob|table|queue|dfs)\.(?<suffix>[a-z0-9.-]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EndpointHost();
}

/// <summary>The storage a verb was pointed at.</summary>
public abstract record StorageTarget
{
    private StorageTarget()
    {
    }

    public sealed record ConnectionString(string Value) : StorageTarget;

    /// <summary>An Azure storage account reached with Entra ID; its three service endpoints derive from its name.</summary>
    public sealed record Account(string Name, Uri BlobEndpoint, Uri TableEndpoint, Uri QueueEndpoint) : StorageTarget
    {
        public static Account Create(string name, string suffix)
        {
            var account = name.ToLowerInvariant();
            var cloud = suffix.ToLowerInvariant();
            return new Account(account, Endpoint(account, "blob", cloud), Endpoint(account, "table", cloud), Endpoint(account, "queue", cloud));
        }

        private static Uri Endpoint(string account, string service, string suffix) => new($"https://{account}.{service}.{suffix}/");
    }
}
