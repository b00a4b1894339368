using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DanVan.Integration.Tests.Browser;

/// <summary>
/// The first-run demo in a real browser: the consolidator reads completeness, reopens a unit and re-runs the
/// consolidation; a leader reads the figures and downloads a workbook that opens; a clerk works at 360 px and by
/// keyboard only. Screenshots go to docs/portal/.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class PortalJourneyTests
{
    [SkippableFact]
    public async Task The_demo_serves_the_consolidator_the_leader_and_a_clerk_on_a_phone_by_keyboard()
    {
        SystemChromium.RequireInstalled();
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await ServeHost.StartAsync(new ServeOptions { HostId = TestHostIds.Next(), StorageConnectionString = azurite.ConnectionString }, CancellationToken.None);
        var keys = await DemoSeeder.SeedIfEmptyAsync(host.Services, null, CancellationToken.None);
        Assert.NotNull(keys);
        // A second start on the same store seeds nothing.
        Assert.Null(await DemoSeeder.SeedIfEmptyAsync(host.Services, null, CancellationToken.None));
        string Key(string label) => keys!.Single(k => k.Label.StartsWith(label, StringComparison.Ordinal)).Secret;
        var reference = host.Services.GetRequiredService<ReferenceData>();
        var open = reference.Calendar.QuarterOf(DateTimeOffset.UtcNow);
        var previous = reference.Calendar.Get(open.PreviousQuarter);

        await using var chromium = await SystemChromium.LaunchAsync();

        // Sở Nội vụ: completeness as tiles, a rejected unit's page, reopen with a reason, re-run consolidation.
        var page = await chromium.Context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await SignInAsync(page, host.Url, Key("Sở Nội vụ"));
        await page.WaitForURLAsync(host.Url + "so-noi-vu");
        await Screenshots.TakeAsync(page, "so-noi-vu");
        await page.GetByRole(AriaRole.Link, new() { Name = previous.NameVi, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#completeness")).ToContainTextAsync("Đã nhận");
        await Assertions.Expect(page.Locator(".tiles .t-rejected")).ToHaveCountAsync(1);
        Assert.True(await page.Locator(".tiles .t-missing").CountAsync() > 5);
        await Screenshots.TakeAsync(page, "ky-so-noi-vu");
        await page.GetByRole(AriaRole.Link, new() { Name = "Chưa nộp", Exact = true }).ClickAsync();
        Assert.Contains("loc=missing", page.Url, StringComparison.Ordinal);
        // Units without an accepted report only: missing ones and the rejected one.
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(page.Locator("table tbody tr.missing")).ToHaveCountAsync(await rows.CountAsync());
        await Assertions.Expect(page.Locator("table tbody tr", new() { HasText = "đã tiếp nhận" })).ToHaveCountAsync(0);

        await page.Locator(".tiles .t-rejected").ClickAsync();
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Không được tiếp nhận");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("rejected");
        await page.GetByLabel("Lý do mở lại (ghi vào nhật ký)").FillAsync("Đơn vị xin gửi lại bản sửa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở lại kỳ báo cáo" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã mở lại");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("Đơn vị xin gửi lại bản sửa");
        await Screenshots.TakeAsync(page, "so-noi-vu-don-vi");
        await page.GetByRole(AriaRole.Link, new() { Name = "← Tình hình gửi báo cáo " + previous.NameVi }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tổng hợp lại ngay" }).ClickAsync();
        await Assertions.Expect(page.Locator("#consolidated")).ToContainTextAsync("Đã tổng hợp xong");

        // Chasing the missing: the reminders list, then the draft letter in one click.
        await page.GotoAsync(host.Url + "ky/" + previous.Key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Đôn đốc đơn vị chưa gửi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Cần đôn đốc");
        Assert.True(await page.Locator("table.reminders tbody tr").CountAsync() > 5);
        await Screenshots.TakeAsync(page, "so-noi-vu-don-doc");
        var letter = await page.RunAndWaitForDownloadAsync(() => page.Locator("#letter").ClickAsync());
        var letterPath = Path.Combine(Path.GetTempPath(), $"danvan-{Guid.NewGuid():N}.docx");
        await letter.SaveAsAsync(letterPath);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(letterPath, false))
        {
            Assert.Contains("Kính gửi", doc.MainDocumentPart!.Document.InnerText, StringComparison.Ordinal);
        }
        File.Delete(letterPath);
        await page.CloseAsync();

        // The leader: headline figures, trend charts, the workbook, which opens.
        page = await chromium.Context.NewPageAsync();
        await SignInAsync(page, host.Url, Key("Lãnh đạo"));
        await page.WaitForURLAsync(host.Url + "lanh-dao");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(previous.NameVi);
        await Assertions.Expect(page.Locator("#headline tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("figure.trend svg[role=img]").First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Q\\d/\\d\\d"));
        await Screenshots.TakeAsync(page, "lanh-dao");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải báo cáo tổng hợp mới nhất" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"danvan-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        using (var workbook = new XLWorkbook(path))
        {
            Assert.NotEmpty(workbook.Worksheets);
        }
        File.Delete(path);
        await page.CloseAsync();

        // A clerk on a 360-px phone, by keyboard only: sign in, reach the upload form, see the quarters.
        await chromium.Context.ClearCookiesAsync();
        page = await chromium.Context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync(host.Url + "dang-nhap");
        await page.Keyboard.PressAsync("Tab"); // skip link
        await page.Keyboard.PressAsync("Tab"); // brand
        await page.Keyboard.PressAsync("Tab"); // sign-in link
        await page.Keyboard.PressAsync("Tab"); // the key field
        await page.Keyboard.TypeAsync(Key("Xã Tịnh Khê"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(host.Url + "don-vi");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Xã Tịnh Khê");
        // The quarter being reported now, not the older one reopened for the demo.
        await Assertions.Expect(page.Locator("#deadline h2")).ToHaveTextAsync("Kỳ đang mở: " + reference.Calendar.Get(open).NameVi);
        // Nothing wider than the phone: no sideways scrolling of the page itself.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at 360 px");
        await page.Locator("#period").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("file", await page.EvaluateAsync<string>("document.activeElement.type"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Gửi báo cáo", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await Screenshots.TakeAsync(page, "don-vi-360px");
    }

    private static async Task SignInAsync(IPage page, string url, string key)
    {
        await page.GotoAsync(url + "dang-nhap");
        await page.GetByLabel("Mã truy cập").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }
}
