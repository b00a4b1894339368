using Azure.Storage.Blobs;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Templates;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>
/// The catalogue switch (v2 from 2027-Q2) through the running self-host: the portal hands out a v1 template for a
/// reopened 2027-Q1 and a v2 template for 2027-Q2; both uploads are accepted and stored with their version; the
/// published "6 tháng đầu năm 2027" sums them by code and names both versions.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class CatalogueSwitchSelfHostTests
{
    private const string Unit = "21211";
    private static readonly PeriodKey Q1 = PeriodKey.ForQuarter(2027, 1);
    private static readonly PeriodKey Q2 = PeriodKey.ForQuarter(2027, 2);
    private static readonly PeriodKey H1 = PeriodKey.Cumulative(2027, PeriodKind.HalfYear);

    [Fact]
    public async Task A_v1_upload_for_a_reopened_quarter_and_a_v2_upload_combine_in_the_half_year_workbook()
    {
        // Five days before 2027-Q2's deadline: Q2 is open, Q1 closed (reopened below for the unit).
        await using var host = await ClockedSelfHost.StartAsync(ReportingCalendar.Default.Get(Q2).DeadlineUtc.AddDays(-5), consolidatePending: true);
        var (azurite, clock) = (host.Azurite, host.Clock);
        await host.Services.GetRequiredService<ReopeningStore>().ReopenAsync(Q1, Unit, "Bổ sung số liệu quý I", "test", clock.GetUtcNow(), CancellationToken.None);
        var (_, secret) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Agency, Unit, "Xã Tịnh Khê", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, secret);

        using var q1Template = new XLWorkbook(new MemoryStream(await http.GetByteArrayAsync($"/bieu-mau/{Q1}")));
        using var q2Template = new XLWorkbook(new MemoryStream(await http.GetByteArrayAsync($"/bieu-mau/{Q2}")));
        Assert.Equal("1", CatalogueVersion(q1Template));
        Assert.Equal("2", CatalogueVersion(q2Template));
        Assert.True(q1Template.NamedRanges.Contains(TemplateNames.ForIndicator("CC_THU_XINLOI")));
        Assert.False(q2Template.NamedRanges.Contains(TemplateNames.ForIndicator("CC_THU_XINLOI")));
        Assert.True(q2Template.NamedRanges.Contains(TemplateNames.ForIndicator("TD_PHANANH_SO")));

        var uploads = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Uploads);
        await uploads.UploadBlobAsync(UploadPath.For(Unit, Q1, "quy-1.xlsx"),
            BinaryData.FromBytes(Fill(q1Template, ("LD_VANBAN", 7), ("CC_THU_XINLOI", 2), ("TD_DOAN_DONGNGUOI", 1))));
        await uploads.UploadBlobAsync(UploadPath.For(Unit, Q2, "quy-2.xlsx"),
            BinaryData.FromBytes(Fill(q2Template, ("LD_VANBAN", 5), ("TD_PHANANH_SO", 4), ("TD_DOAN_DONGNGUOI", 3))));

        var summary = await host.PublishedAsync(H1, r => Equals(r.Figure("LD_VANBAN", IsProvince), 12d), TimeSpan.FromSeconds(120), "a published half-year workbook counting both quarters");

        Assert.Equal(2d, summary.Figure("CC_THU_XINLOI", IsProvince));
        Assert.Equal(4d, summary.Figure("TD_PHANANH_SO", IsProvince));
        Assert.Equal(4d, summary.Figure("TD_DOAN_DONGNGUOI", IsProvince));
        var text = summary.AllText(SummaryReader.SummarySheet);
        Assert.Contains(CatalogueSet.Default.Get(2)["TD_DOAN_DONGNGUOI"].NameVi, text, StringComparison.Ordinal);
        Assert.Contains("Ghi chú: Tổng hợp từ danh mục chỉ tiêu phiên bản 1 (Quý I/2027) và phiên bản 2 (Quý II/2027)", text, StringComparison.Ordinal);

        var reports = host.Services.GetRequiredService<ReportStore>();
        Assert.Equal([1], (await reports.CurrentReportsAsync(Q1, CancellationToken.None)).Select(r => r.CatalogueVersion));
        Assert.Equal([2], (await reports.CurrentReportsAsync(Q2, CancellationToken.None)).Select(r => r.CatalogueVersion));
    }

    private static string CatalogueVersion(XLWorkbook wb) =>
        wb.NamedRange(TemplateNames.CatalogueVersionName).Ranges.First().FirstCell().GetString();

    private static byte[] Fill(XLWorkbook wb, params (string Code, long Value)[] values)
    {
        foreach (var (code, value) in values)
        {
            Reports.InputCell(wb, code).Value = value;
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }

    private static bool IsProvince(string header) => ClockedSelfHost.IsProvince(header);
}
