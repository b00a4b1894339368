using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.Ingest;

/// <summary>
/// Plausibility against history through the running self-host: a quarter, then the next with one value twelve
/// times larger. The report is accepted; the answer, the feedback workbook and the consolidator's page say so.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class HistoryPlausibilityTests
{
    private const string Unit = "21211";
    private const string Indicator = "CC_HS_TIEPNHAN";

    [Fact]
    public async Task A_value_twelve_times_the_previous_quarter_is_accepted_with_a_warning_everywhere_it_is_read()
    {
        var previous = PeriodKey.ForQuarter(2028, 1);
        var period = PeriodKey.ForQuarter(2028, 2);
        // Each quarter is uploaded while it is open: the clock moves from one to the next.
        await using var host = await ClockedSelfHost.StartAsync(ReportingCalendar.Default.Get(previous).DeadlineUtc.AddDays(-5));
        var clock = host.Clock;
        var uploads = host.Services.GetRequiredService<UploadService>();

        var (_, first) = await UploadAsync(uploads, previous, 100);
        Assert.True(first.State.IsAccepted(), first.MessageVi);
        Assert.DoesNotContain(first.Submission.Problems, p => p.Code == ProblemCodes.HistoryOutlier);

        clock.SetUtcNow(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-5));
        var (pending, answer) = await UploadAsync(uploads, period, 1200);

        // The answer: accepted, with the warning and both figures.
        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, answer.State);
        var warning = Assert.Single(answer.Submission.Problems, p => p.Code == ProblemCodes.HistoryOutlier);
        Assert.Equal(("warning", Indicator), (warning.Severity, warning.Indicator));
        Assert.Contains("là 1.200, gấp 12 lần quý trước (100). Vui lòng kiểm tra lại.", warning.Message, StringComparison.Ordinal);
        Assert.Equal((1200L, 100L, (long?)null), (warning.Value!.Value, warning.PreviousQuarter!.Value, warning.SameQuarterLastYear));

        // The portal's answer panel, as the uploader sees it.
        var (_, agencyKey) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Agency, Unit, "Xã Tịnh Khê", default);
        using var agency = Client(agencyKey);
        var panel = System.Net.WebUtility.HtmlDecode(await agency.GetStringAsync(
            host.Url + "gui-bao-cao/trang-thai?manh=1&ky=" + period + "&tep=" + Uri.EscapeDataString(pending.BlobName)));
        Assert.Contains("gấp 12 lần quý trước (100)", panel, StringComparison.Ordinal);

        // The feedback workbook marks the cell.
        var feedback = await agency.GetByteArrayAsync(host.Url + "ket-qua/" + period + "/" + answer.Submission.Id);
        using (var wb = new XLWorkbook(new MemoryStream(feedback)))
        {
            var cell = wb.NamedRange(TemplateNames.ForIndicator(Indicator)).Ranges.First().FirstCell();
            Assert.Equal(1200d, cell.GetDouble());
            Assert.True(cell.HasComment);
            Assert.Contains("gấp 12 lần quý trước (100)", cell.Comment.Text, StringComparison.Ordinal);
            Assert.Equal(XLColor.FromHtml("#FFE699"), cell.Style.Fill.BackgroundColor);
        }

        // The consolidator's view of the period lists the flagged value with both figures.
        var (_, consolidatorKey) = await host.Services.GetRequiredService<AccessKeyStore>().IssueAsync(AccessRole.Consolidator, null, "Sở Nội vụ", default);
        using var consolidator = Client(consolidatorKey);
        var page = System.Net.WebUtility.HtmlDecode(await consolidator.GetStringAsync(host.Url + "ky/" + period));
        var section = page[page.IndexOf("Số liệu bất thường so với lịch sử", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("Xã Tịnh Khê", section, StringComparison.Ordinal);
        Assert.Contains(">1.200<", section, StringComparison.Ordinal);
        Assert.Contains(">100<", section, StringComparison.Ordinal);
        Assert.Contains("Tổng số hồ sơ thủ tục hành chính tiếp nhận trong kỳ", section, StringComparison.Ordinal);
        // The quarter before had no history of its own: nothing is listed there.
        var before = System.Net.WebUtility.HtmlDecode(await consolidator.GetStringAsync(host.Url + "ky/" + previous));
        Assert.Contains("Không có số liệu nào của bản hiện hành khác xa", before, StringComparison.Ordinal);
    }

    private static HttpClient Client(string key)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, key);
        return http;
    }

    private static async Task<(PendingUpload Pending, UploadAnswer Answer)> UploadAsync(UploadService uploads, PeriodKey period, long value)
    {
        var values = Reports.AllNumbers(10);
        values[Indicator] = value;
        var pending = await uploads.UploadAsync(Unit, period, "tinh-khe-" + period + ".xlsx", BinaryData.FromBytes(Reports.Filled(Unit, period, values)), CancellationToken.None);
        var answer = await uploads.WaitForAnswerAsync(pending, TimeSpan.FromSeconds(90), null, CancellationToken.None)
            ?? throw new TimeoutException($"No answer for {pending.BlobName}.");
        return (pending, answer);
    }
}
