using System.Net;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Followup;
using DanVan.Pipeline.Storage;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.Portal;

/// <summary>
/// Sở Nội vụ's reminders page (issue #14): the list names V (rejected, not resent) and not U (accepted); the draft
/// letter and the missing-units workbook come from the same list in one click; reminders the timer recorded show.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class ReminderPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static string Page => $"/so-noi-vu/don-doc/{PortalFixture.Quarter}";

    [Fact]
    public async Task The_page_lists_the_units_to_remind_with_their_reason_and_not_the_received_ones()
    {
        using var http = portal.Client(portal.Consolidator);
        var html = WebUtility.HtmlDecode(await http.GetStringAsync(Page));

        var row = RowOf(html, PortalFixture.VName);
        Assert.Contains("Đã gửi nhưng bị trả lại, chưa gửi lại", row, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFixture.UName, html, StringComparison.Ordinal);
        var expected = await portal.Host.Services.GetRequiredService<ReminderService>().ListAsync(PortalFixture.Quarter, default);
        Assert.Contains($"Cần đôn đốc {expected.Lines.Count} đơn vị", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}/cong-van\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}/danh-sach\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_letter_is_a_docx_naming_the_units_on_the_list_and_its_download_is_audited()
    {
        using var http = portal.Client(portal.Consolidator);
        using var response = await http.GetAsync(Page + "/cong-van");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document.InnerText;
        Assert.Contains("V/v đôn đốc gửi báo cáo kết quả công tác dân vận", text, StringComparison.Ordinal);
        Assert.Contains(PortalFixture.VName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFixture.UName, text, StringComparison.Ordinal);
        var events = await portal.Host.Services.GetRequiredService<AuditLog>().ReadAsync(PortalFixture.Quarter.ToString(), default);
        Assert.Contains(events, e => e.Event == "reminder-letter" && e.Subject!.Contains("Sở Nội vụ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_missing_units_workbook_lists_V_and_not_U()
    {
        using var http = portal.Client(portal.Consolidator);
        using var response = await http.GetAsync(Page + "/danh-sach");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString()).ToList();
        Assert.Contains(PortalFixture.V, cells);
        Assert.DoesNotContain(PortalFixture.U, cells);
    }

    [Fact]
    public async Task A_reminder_the_timer_recorded_shows_with_its_occasion_and_on_the_unit_row()
    {
        var period = ReportingCalendar.Default.Get(PortalFixture.Quarter);
        await portal.Host.Services.GetRequiredService<ReminderService>().RunDueAsync(period.DeadlineUtc.AddDays(-1), default);

        using var http = portal.Client(portal.Consolidator);
        var html = WebUtility.HtmlDecode(await http.GetStringAsync(Page));

        Assert.DoesNotContain("Chưa có lần đôn đốc nào", html, StringComparison.Ordinal);
        var history = html[html.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains("Trước hạn", history, StringComparison.Ordinal);
        Assert.Contains("1 lần", RowOf(html, PortalFixture.VName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cumulative_period_has_no_reminders_page()
    {
        using var http = portal.Client(portal.Consolidator);
        using var response = await http.GetAsync($"/so-noi-vu/don-doc/{PeriodKey.Parse("2026-Y")}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string RowOf(string html, string name)
    {
        var at = html.IndexOf(name, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{name}' is not on the page");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }
}
