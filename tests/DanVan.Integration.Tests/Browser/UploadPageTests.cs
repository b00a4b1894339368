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
/// A commune clerk in a real browser: sign in with the unit's key, download the template, send a report with a
/// mistake and read the answer with the cell named, send the corrected one, see both in the history.
/// Screenshots go to docs/portal/ (shown in the README).
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class UploadPageTests
{
    [SkippableFact]
    public async Task A_clerk_signs_in_downloads_the_template_sends_a_bad_and_a_good_report_and_sees_both_answers()
    {
        SystemChromium.RequireInstalled();
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập bằng mã truy cập" }).ClickAsync();
        await page.GetByLabel("Mã truy cập").FillAsync(secret);
        await Screenshots.TakeAsync(page, "dang-nhap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(host.Url + "don-vi");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Xã Tịnh Khê");
        await Assertions.Expect(page.Locator("#deadline")).ToContainTextAsync("Còn 4 ngày");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải biểu mẫu Quý II năm 2036" }).ClickAsync());
        Assert.Equal($"bieu-mau-21211-{period}.xlsx", download.SuggestedFilename);

        await page.GetByLabel("Kỳ báo cáo").SelectOptionAsync(period.ToString());
        await page.GetByLabel("Tệp báo cáo (.xlsx hoặc .xls)").SetInputFilesAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        // The script posts the file, gets 202 and polls: the answer appears on the same page.
        await Assertions.Expect(page.Locator("#answer #state")).ToContainTextAsync("Không được tiếp nhận");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("\"mười\" không phải là số");
        Assert.Equal(host.Url + "don-vi", page.Url);
        await Screenshots.TakeAsync(page, "don-vi-tra-loi");
        var feedback = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp kết quả kiểm tra (các ô có vấn đề được đánh dấu)" }).ClickAsync());
        Assert.StartsWith("ket-qua-kiem-tra-21211", feedback.SuggestedFilename);

        await page.GetByLabel("Tệp báo cáo (.xlsx hoặc .xls)").SetInputFilesAsync(right);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer #state")).ToContainTextAsync("Đã tiếp nhận");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem tất cả các lần gửi, kết quả kiểm tra và tệp kết quả" }).ClickAsync();
        var history = page.Locator("#history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("(bản đang dùng)");
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync("Đã tiếp nhận");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Không được tiếp nhận");
        await Screenshots.TakeAsync(page, "don-vi-lan-gui");
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_in_Vietnamese()
    {
        SystemChromium.RequireInstalled();
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await ServeHost.StartAsync(new ServeOptions { HostId = TestHostIds.Next(), StorageConnectionString = azurite.ConnectionString }, CancellationToken.None);
        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(host.Url + "dang-nhap");

        await page.GetByLabel("Mã truy cập").FillAsync("dv_not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Mã truy cập không đúng");
    }
}

/// <summary>Screenshots of the portal for the README: written to docs/portal/NAME.png in the repository.</summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var tools = AzuriteLauncher.FindToolDirectory();
        var folder = Path.GetFullPath(Path.Combine(tools, "..", "..", "docs", "portal"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is nearly empty");
    }
}
