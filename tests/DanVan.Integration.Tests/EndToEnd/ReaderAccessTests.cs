using System.Net;
using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Web;
using Microsoft.Extensions.DependencyInjection;
using DanVan.Pipeline.Azurite;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>Who may read what over HTTP (docs/system-contract.md §3), against the running self-host.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class ReaderAccessTests
{
    [Fact]
    public async Task Consolidated_data_is_for_the_consolidator_and_leaders_only()
    {
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await ServeHost.StartAsync(new ServeOptions { HostId = TestHostIds.Next(), StorageConnectionString = azurite.ConnectionString }, CancellationToken.None);
        var keys = host.Services.GetRequiredService<AccessKeyStore>();
        var (_, agency) = await keys.IssueAsync(AccessRole.Agency, "21211", "Xã Tịnh Khê", default);
        var (_, leader) = await keys.IssueAsync(AccessRole.Leader, null, "Lãnh đạo", default);
        var (consolidatorKey, consolidator) = await keys.IssueAsync(AccessRole.Consolidator, null, "Sở Nội vụ", default);
        var period = PeriodKey.ForQuarter(2038, 1).ToString();

        async Task<HttpStatusCode> Get(string path, string? key)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
            if (key is not null)
            {
                http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, key);
            }
            return (await http.GetAsync(path)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get("/", null));
        Assert.Equal(HttpStatusCode.Redirect, await Get("/ky/" + period, null));
        Assert.Equal(HttpStatusCode.Redirect, await Get("/tai-ve/" + period, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/api/ky/" + period, null));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("/api/ky/" + period, agency));
        Assert.Equal(HttpStatusCode.OK, await Get("/api/ky/" + period, leader));
        Assert.Equal(HttpStatusCode.OK, await Get("/ky/" + period, consolidator));
        // No workbook yet for that period: the leader is told so, not sent to sign in.
        Assert.Equal(HttpStatusCode.NotFound, await Get("/tai-ve/" + period, leader));

        await keys.RevokeAsync(consolidatorKey.Id, default);
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/ky/" + period, consolidator));
    }
}
