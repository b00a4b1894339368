using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Browser;

/// <summary>
/// A commune clerk in a real browser: enter the access key, download the template, send a report with a mistake,
/// read the answer with the cell named, send the corrected one, get "đã tiếp nhận".
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class UploadPageTests
{
    [SkippableFact]
    public async Task A_clerk_downloads_the_template_sends_a_report_reads_the_problems_and_sends_the_correction()
    {
        SystemChromium.RequireInstalled();
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        var period = PeriodKey.ForQuarter(2036, 2);
        var clock = new FakeTimeProvider(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-4));
        await using var host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = azurite.ConnectionString,
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }, CancellationToken.None);
        var (_, secret) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Agency, "21211", "Xã Tịnh Khê", default);
        var dir = Directory.CreateTempSubdirectory("danvan-upload-");
        var bad = Reports.AllNumbers(3);
        bad["TD_LUOT"] = "mười";
        var wrong = Path.Combine(dir.FullName, "bao-cao-sai.xlsx");
        await File.WriteAllBytesAsync(wrong, Reports.Filled("21211", period, bad));
        var right = Path.Combine(dir.FullName, "bao-cao.xlsx");
        await File.WriteAllBytesAsync(right, Reports.Filled("21211", period, Reports.AllNumbers(3)));

        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(host.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Gửi báo cáo / tải biểu mẫu" }).ClickAsync();

        await page.GetByLabel("Mã truy cập").FillAsync(secret);
        await page.GetByLabel("Kỳ báo cáo").SelectOptionAsync(period.ToString());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải biểu mẫu báo cáo" }).ClickAsync());
        Assert.Equal($"bieu-mau-21211-{period}.xlsx", download.SuggestedFilename);

        await page.GetByLabel("Tệp báo cáo (.xlsx)").SetInputFilesAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("Không được tiếp nhận");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("\"mười\" không phải là số");
        var feedback = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải tệp kết quả kiểm tra (các ô có vấn đề được đánh dấu)" }).ClickAsync());
        Assert.StartsWith("ket-qua-kiem-tra-21211", feedback.SuggestedFilename);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gửi báo cáo khác" }).ClickAsync();
        await page.GetByLabel("Mã truy cập").FillAsync(secret);
        await page.GetByLabel("Kỳ báo cáo").SelectOptionAsync(period.ToString());
        await page.GetByLabel("Tệp báo cáo (.xlsx)").SetInputFilesAsync(right);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("Đã tiếp nhận");

        // The clerk's own history: both uploads, the accepted one marked as the version in use.
        await page.GetByRole(AriaRole.Link, new() { Name = "Gửi báo cáo khác" }).ClickAsync();
        await page.GetByLabel("Mã truy cập").FillAsync(secret);
        await page.GetByLabel("Kỳ báo cáo").SelectOptionAsync(period.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem các lần gửi" }).ClickAsync();
        var history = page.Locator("#history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("(bản đang dùng)");
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync("Đã tiếp nhận");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Không được tiếp nhận");

        var screenshot = Path.Combine(dir.FullName, "accepted.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 1000);
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_in_Vietnamese_and_nothing_is_uploaded()
    {
        SystemChromium.RequireInstalled();
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await ServeHost.StartAsync(new ServeOptions { HostId = TestHostIds.Next(), StorageConnectionString = azurite.ConnectionString }, CancellationToken.None);
        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(host.Url + "gui-bao-cao");

        await page.GetByLabel("Mã truy cập").FillAsync("dv_not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Mã truy cập không đúng");
    }
}
