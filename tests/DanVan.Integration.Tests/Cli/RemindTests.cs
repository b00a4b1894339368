using System.Text.Json;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Followup;
using DanVan.Host.Cli;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Followup;
using DocumentFormat.OpenXml.Packaging;

namespace DanVan.Integration.Tests.Cli;

/// <summary>Reminders over storage: `danvan remind` with its letter and workbook, and the timer's audited events.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RemindTests(AzuriteFixture azurite)
{
    private Task<(int Code, string Out, string Error)> Run(params string[] args) => azurite.RunVerbAsync(args);

    [Fact]
    public async Task Remind_lists_the_missing_and_the_rejected_and_writes_the_letter_and_the_workbook()
    {
        var period = PeriodKey.ForQuarter(2036, 1);
        await using (var h = new PipelineHarness(azurite.ConnectionString, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-1)))
        {
            await h.UploadAndIngestAsync("21211", period, Reports.Filled("21211", period, Reports.AllNumbers(1)));
            // Another unit's code in the file: refused for 21172.
            await h.UploadAndIngestAsync("21172", period, Reports.Filled("21211", period, Reports.AllNumbers(1)));
            await h.Get<AccessKeyStore>().IssueAsync(AccessRole.Agency, "21172", "Văn phòng 21172", default);
        }
        var dir = Directory.CreateTempSubdirectory("danvan-remind-");
        try
        {
            var letter = Path.Combine(dir.FullName, "cong-van.docx");
            var missing = Path.Combine(dir.FullName, "chua-gui.xlsx");
            var r = await Run("remind", "--period", period.ToString(), "--json", "--letter", letter, "--missing", missing);

            Assert.Equal(ExitCodes.Done, r.Code);
            using var json = JsonDocument.Parse(r.Out);
            var units = json.RootElement.GetProperty("units").EnumerateArray().ToArray();
            Assert.Equal(109, units.Length);
            Assert.DoesNotContain(units, u => u.GetProperty("code").GetString() == "21211");
            Assert.Equal("onlyRejected", units.Single(u => u.GetProperty("code").GetString() == "21172").GetProperty("reason").GetString());

            using (var doc = WordprocessingDocument.Open(letter, false))
            {
                Assert.Contains("V/v đôn đốc gửi báo cáo kết quả công tác dân vận Quý I năm 2036", doc.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
            }
            using var wb = new XLWorkbook(missing);
            var row = wb.Worksheet(MissingWorkbook.SheetName).RowsUsed().Single(x => x.Cell(2).GetString() == "21172");
            Assert.Equal("Văn phòng 21172", row.Cell(9).GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_timer_records_each_reminder_once_before_and_after_the_deadline()
    {
        var period = PeriodKey.ForQuarter(2036, 3);
        var deadline = ReportingCalendar.Default.Get(period).DeadlineUtc;
        await using var h = new PipelineHarness(azurite.ConnectionString, deadline.AddDays(-2));
        await h.UploadAndIngestAsync("21211", period, Reports.Filled("21211", period, Reports.AllNumbers(1)));
        var reminders = h.Get<ReminderService>();

        Assert.Empty(await reminders.RunDueAsync(deadline.AddDays(-10), default));
        var before = await reminders.RunDueAsync(deadline.AddDays(-2), default);
        await reminders.RunDueAsync(deadline.AddDays(-1), default);
        var after = await reminders.RunDueAsync(deadline.AddDays(4), default);

        Assert.Equal([new DueReminder(period, ReminderOccasion.BeforeDeadline, 109)], before);
        Assert.Equal([new DueReminder(period, ReminderOccasion.AfterDeadline, 109)], after);
        var history = await reminders.HistoryAsync(period, default);
        // 109 units and the period's line, once per occasion however often the timer ran.
        Assert.Equal(2 * 110, history.Count);
        Assert.Equal(2, history.Count(e => e.Unit is null));
        Assert.DoesNotContain(history, e => e.Unit == "21211");
        Assert.Equal(["BeforeDeadline", "AfterDeadline"], history.Where(e => e.Unit == "21172").Select(e => e.Subject));
    }
}
