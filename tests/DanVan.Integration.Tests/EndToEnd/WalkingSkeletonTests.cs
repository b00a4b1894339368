using Azure.Storage.Blobs;
using DanVan.Core.Calendar;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Ingest;
using DanVan.Web;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>
/// The whole slice through the running self-host: a template → filled → dropped into uploads/ → the blob
/// trigger ingests it → the timer consolidates → a workbook appears in published/ with the right totals.
/// Nothing here calls a pipeline service directly.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class WalkingSkeletonTests
{
    [Fact]
    public async Task An_upload_dropped_into_the_container_is_ingested_and_counted_in_the_published_workbook()
    {
        // Its own Azurite, as `danvan serve` would have: no other test's pending work in its way.
        var period = PeriodKey.ForQuarter(2027, 4);
        // The clock stands before Q4 2027's deadline: the period is open; the pending timer consolidates accepted reports.
        await using var host = await ClockedSelfHost.StartAsync(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-5), consolidatePending: true);
        var azurite = host.Azurite;

        var uploads = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Uploads);
        await uploads.UploadBlobAsync(UploadPath.For("21211", period, "tinh-khe.xlsx"),
            BinaryData.FromBytes(Reports.Filled("21211", period, new Dictionary<string, object> { ["LD_VANBAN"] = 7, ["LD_HOINGHI"] = 3, ["NX_KIENNGHI"] = "Đề nghị bổ sung kinh phí" })));
        await uploads.UploadBlobAsync(UploadPath.For("SO-NOIVU", period, "so-noi-vu.xlsx"),
            BinaryData.FromBytes(Reports.Filled("SO-NOIVU", period, new Dictionary<string, object> { ["LD_VANBAN"] = 5, ["LD_HOINGHI"] = "1.200" })));

        var summary = await host.PublishedAsync(period, r => Equals(r.Figure("LD_VANBAN", IsProvince), 12d), TimeSpan.FromSeconds(90), "a published workbook counting both reports");

        Assert.Equal(1203d, summary.Figure("LD_HOINGHI", IsProvince));
        Assert.Contains("Đề nghị bổ sung kinh phí", summary.AllText("Kiến nghị"));
        var (_, leaderKey) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Leader, null, "Lãnh đạo", default);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, leaderKey);
        var portal = await http.GetStringAsync(host.Url + "ky/" + period);
        Assert.Contains("Đã nhận 2/110 báo cáo", System.Net.WebUtility.HtmlDecode(portal));
    }

    private static bool IsProvince(string header) => ClockedSelfHost.IsProvince(header);
}
