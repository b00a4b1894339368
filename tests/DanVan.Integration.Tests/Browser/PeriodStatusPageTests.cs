using System.Text.Json;
using Azure.Storage.Blobs;
using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DanVan.Pipeline.Access;
using DanVan.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Browser;

/// <summary>
/// A consolidator's first look at a period, in a real browser against the running self-host: from the home page's
/// calendar to the period's status page, with one report received and the rest marked missing.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class PeriodStatusPageTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [SkippableFact]
    public async Task The_status_page_shows_completeness_the_received_unit_and_the_missing_ones()
    {
        SystemChromium.RequireInstalled();
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        var period = PeriodKey.ForQuarter(2026, 4);
        // The day before Q4 2026's deadline: the period is open and an upload now is on time.
        var clock = new FakeTimeProvider(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-1));
        await using var host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = azurite.ConnectionString,
            Port = 0,
            Settings = new Dictionary<string, string?>
            {
                // No timer fires during the test: the page shows what ingest alone produced.
                [SettingNames.NightlySchedule] = "0 0 0 1 1 *",
                [SettingNames.ConsolidationSchedule] = "0 0 0 1 1 *",
            },
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }, CancellationToken.None);

        var uploads = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Uploads);
        await uploads.UploadBlobAsync("21211/2026-Q4/x.xlsx", BinaryData.FromBytes(Reports.Filled("21211", period,
            new Dictionary<string, object> { ["LD_VANBAN"] = 4, ["LD_HOINGHI"] = 2 })));
        var (_, leaderKey) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Leader, null, "Lãnh đạo", default);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, leaderKey);
        var accepted = await Eventually.GetAsync(() => AcceptedAsync(http, "21211"), TimeSpan.FromSeconds(90), "unit 21211 accepted in /api/ky/2026-Q4");
        output.WriteLine($"21211 is {accepted.State} (late: {accepted.Late}) in /api/ky/2026-Q4");
        // Ingest dates a report by the blob's creation time (the storage's clock), not by the host's TimeProvider,
        // so whether it counts as late depends on the day the test runs: the page must agree with the API either way.
        var timeliness = accepted.Late ? "nộp muộn" : "đúng hạn";

        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var home = await page.GotoAsync(host.Url);
        Assert.Equal(200, home!.Status);

        var q4Row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "Quý IV năm 2026", Exact = true }) });
        await Assertions.Expect(q4Row).ToHaveCountAsync(1);
        await q4Row.GetByRole(AriaRole.Link, new() { Name = "Tình hình gửi báo cáo", Exact = true }).ClickAsync();
        // Status is for the consolidator and leaders: sign in once, then back to the page asked for.
        await page.WaitForURLAsync(host.Url + "dang-nhap?tiep=%2Fky%2F2026-Q4");
        await page.GetByLabel("Mã truy cập").FillAsync(leaderKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(host.Url + "ky/2026-Q4");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Quý IV năm 2026");
        var completeness = page.Locator("#completeness");
        await Assertions.Expect(completeness).ToContainTextAsync("Đã nhận 1/110");
        await Assertions.Expect(completeness).ToContainTextAsync($"{(accepted.Late ? 1 : 0)} nộp muộn, 109 chưa nộp");
        var missingList = page.Locator("#missing");
        await Assertions.Expect(missingList).ToContainTextAsync("Chưa nộp (109):");
        await Assertions.Expect(missingList).ToContainTextAsync("Sở Nội vụ");
        await Assertions.Expect(missingList).Not.ToContainTextAsync("Xã Tịnh Khê");

        var bar = page.Locator("svg.bar");
        await Assertions.Expect(bar).ToHaveCountAsync(1);
        await Assertions.Expect(bar).ToBeVisibleAsync();
        Assert.Contains("Đã nhận 1/110", await bar.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        var box = await bar.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 10 }, $"completeness bar is {box?.Width}×{box?.Height}");
        await Assertions.Expect(bar.Locator("rect")).ToHaveCountAsync(3);

        var received = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "Xã Tịnh Khê", Exact = true }) });
        await Assertions.Expect(received).ToHaveCountAsync(1);
        await Assertions.Expect(received.Locator("td").First).ToHaveTextAsync("21211");
        await Assertions.Expect(received).ToContainTextAsync(timeliness + " — đã tiếp nhận");
        await Assertions.Expect(received).Not.ToContainTextAsync("chưa nộp");
        await Assertions.Expect(received).Not.ToHaveClassAsync("missing");
        await Assertions.Expect(received.Locator("td").Nth(4)).ToHaveTextAsync("1");

        var missing = page.Locator("tbody tr", new() { HasText = "chưa nộp" });
        await Assertions.Expect(missing).ToHaveCountAsync(109);
        await Assertions.Expect(missing.First).ToHaveClassAsync("missing");
        await Assertions.Expect(page.Locator("tr.missing")).ToHaveCountAsync(109);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "UBND cấp xã (1/96)" })).ToBeVisibleAsync();

        await Screenshots.TakeAsync(page, "ky-dashboard");
        var screenshot = Path.Combine(Path.GetTempPath(), $"danvan-ky-2026-Q4-{Guid.NewGuid():N}.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > PngSignature.Length + 1000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(PngSignature, png[..PngSignature.Length]);
    }

    /// <summary>The unit's state once ingest has decided; a refusal fails at once with the pipeline's reason.</summary>
    private static async Task<AcceptedUnit?> AcceptedAsync(HttpClient http, string unitCode)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/ky/2026-Q4"));
        var unit = doc.RootElement.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == unitCode);
        var state = unit.GetProperty("state").GetString();
        if (state is "rejected" or "system_error")
        {
            var messages = doc.RootElement.GetProperty("submissions").EnumerateArray()
                .Where(s => s.GetProperty("unit").GetString() == unitCode)
                .Select(s => s.GetProperty("message").GetString());
            throw new Xunit.Sdk.XunitException($"Unit {unitCode} was {state}: {string.Join(" | ", messages)}");
        }
        return state is "accepted" or "accepted_with_warnings" ? new AcceptedUnit(state, unit.GetProperty("late").GetBoolean()) : null;
    }

    private sealed record AcceptedUnit(string State, bool Late);
}
