using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;
using DanVan.Core.Tests.Templates;
using DanVan.Host.Cli;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>
/// An Excel 97–2003 file through the running self-host: a filled template re-saved as .xls by LibreOffice is uploaded
/// on the portal and accepted; the upload keeps its bytes and its .xls name, the feedback is an .xlsx; `danvan submit`
/// takes an .xls too and names the wrong cell.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class XlsUploadTests
{
    private const string Unit = "21211";

    [SkippableFact]
    public async Task An_xls_from_libreoffice_is_accepted_on_the_portal_and_by_submit()
    {
        LibreOffice.SkipUnlessAvailable();
        var period = PeriodKey.ForQuarter(2040, 4);
        var xls = LibreOffice.Convert(Reports.Filled(Unit, period, Reports.AllNumbers(7)), "xlsx", "xls");
        var wrongValues = Reports.AllNumbers(7);
        wrongValues["TD_LANHDAO"] = -3;
        var wrong = LibreOffice.Convert(Reports.Filled(Unit, period, wrongValues), "xlsx", "xls");

        await using var host = await ClockedSelfHost.StartAsync(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2));
        var azurite = host.Azurite;
        var (_, secret) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Agency, Unit, "Xã thử", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, secret);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var form = new MultipartFormDataContent
        {
            { new StringContent(period.ToString()), "period" },
            { new ByteArrayContent(xls), "file", "bao-cao-cu.xls" },
        };
        var posted = await http.PostAsync("/gui-bao-cao", form);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var status = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
        var answer = await Eventually.GetAsync(async () =>
        {
            var r = await http.GetAsync(status);
            return r.StatusCode == HttpStatusCode.OK ? WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()) : null;
        }, TimeSpan.FromSeconds(60), "the answer to the .xls upload");
        Assert.Contains("Đã tiếp nhận", answer, StringComparison.Ordinal);

        // The upload keeps its name and bytes; the feedback is a fresh .xlsx.
        var storage = host.Services.GetRequiredService<DanVanStorage>();
        var uploaded = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.Uploads).GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Unit}/{period}/", CancellationToken.None))
        {
            uploaded.Add(blob.Name);
        }
        var name = Assert.Single(uploaded);
        Assert.EndsWith("-bao-cao-cu.xls", name, StringComparison.Ordinal);
        Assert.Equal(xls, (await storage.Container(StorageNames.Uploads).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        var row = Assert.Single(await host.Services.GetRequiredService<SubmissionStore>().ListViewsAsync(period.ToString(), CancellationToken.None));
        Assert.Equal("bao-cao-cu.xls", row.FileName[^"bao-cao-cu.xls".Length..]);
        var report = Assert.Single(await host.Services.GetRequiredService<ReportStore>().CurrentReportsAsync(period, CancellationToken.None));
        Assert.Equal(7, report.Numbers["TD_LANHDAO"]);
        Assert.Equal(row.Id, report.SubmissionId);
        var feedback = await http.GetAsync($"/ket-qua/{period}/{row.Id}");
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.Equal((byte)'P', (await feedback.Content.ReadAsByteArrayAsync())[0]);

        var dir = Directory.CreateTempSubdirectory("danvan-xls-");
        var file = Path.Combine(dir.FullName, "sai.xls");
        await File.WriteAllBytesAsync(file, wrong);
        using var output = new StringWriter();
        var code = await CommandLine.RunAsync(["submit", file, "--unit", Unit, "--storage", azurite.ConnectionString], new VerbConsole(output, output), CancellationToken.None);
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("Không được tiếp nhận", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("là số âm", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"Lỗi \[D\d+\]", output.ToString());
    }
}
