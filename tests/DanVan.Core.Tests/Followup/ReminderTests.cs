using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Followup;
using DanVan.Core.Ingest;
using DanVan.Core.Tests.Consolidate;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using W = DocumentFormat.OpenXml.Wordprocessing;
using static DanVan.Core.Tests.Consolidate.TestProvince;

namespace DanVan.Core.Tests.Followup;

public sealed class ReminderTests
{
    private static readonly PeriodKey Q3 = Q(2025, 3);
    private static readonly PeriodKey Q2 = Q(2025, 2);

    private static ReminderList List(TestProvince p, PeriodKey period)
    {
        var standing = PeriodStanding.Assess(TestProvince.Registry, TestProvince.Calendar, period, p.Submissions, p.Reports);
        return Reminders.For(standing, TestProvince.Calendar.Get(period.Quarters[^1]), TestProvince.Registry);
    }

    /// <summary>Q3 2025: SO1 rejected then accepted, SO2 only rejected, XM1 nothing, XM2 accepted late.</summary>
    private static TestProvince AfterMerger() => new TestProvince()
        .Submission("SO1", Q3, 1, AroundDeadline(Q3, -30), SubmissionOutcome.Rejected)
        .Report("SO1", Q3, N(("LD_VANBAN", 5)), version: 1, received: AroundDeadline(Q3, -10))
        .Submission("SO2", Q3, 1, AroundDeadline(Q3, -5), SubmissionOutcome.Rejected)
        .Submission("SO2", Q3, 2, AroundDeadline(Q3, 2), SubmissionOutcome.SystemError)
        .Report("XM2", Q3, N(("LD_VANBAN", 1)), version: 1, received: AroundDeadline(Q3, 40));

    [Fact]
    public void Reminds_the_missing_and_the_only_rejected_but_not_a_unit_rejected_then_accepted()
    {
        var list = List(AfterMerger(), Q3);

        Assert.Equal(["SO2", "XM1"], list.Lines.Select(l => l.Unit.Code));
        Assert.Equal([ReminderReason.OnlyRejected, ReminderReason.Missing], list.Lines.Select(l => l.Reason));
        Assert.Equal(2, list.Lines[0].Uploads);
        Assert.Equal(AroundDeadline(Q3, 2), list.Lines[0].LastUploadUtc);
    }

    [Fact]
    public void A_period_everyone_reported_reminds_nobody_and_an_empty_one_reminds_everyone()
    {
        var all = new TestProvince();
        foreach (var code in new[] { "SO1", "SO2", "XM1", "XM2" })
        {
            all.Report(code, Q3, N(("LD_VANBAN", 1)));
        }
        Assert.Empty(List(all, Q3).Lines);
        Assert.Equal(["SO1", "SO2", "XM1", "XM2"], List(new TestProvince(), Q3).Lines.Select(l => l.Unit.Code));
    }

    [Fact]
    public void A_commune_is_listed_with_its_district_and_a_cumulative_period_is_judged_on_its_last_quarter()
    {
        var p = new TestProvince().Report("SO1", Q2, N(("LD_VANBAN", 1))).Report("SO2", Q2, N(("LD_VANBAN", 1)));
        var list = List(p, PeriodKey.Cumulative(2025, PeriodKind.HalfYear));

        Assert.Equal(Q2, list.Period.Key);
        var commune = list.Lines.Single(l => l.Unit.Code == "X11");
        Assert.Equal("Huyện Sơn Tịnh", commune.Parent?.Name);
        Assert.DoesNotContain(list.Lines, l => l.Unit.Code is "SO1" or "SO2");
    }

    [Fact]
    public void Reminders_are_due_the_configured_days_before_the_deadline_and_again_after_it()
    {
        var period = TestProvince.Calendar.Get(Q3);
        var regime = TestProvince.Calendar.RegimeFor(Q3) with { ReminderDaysBefore = 3, ReminderDaysAfter = 2 };

        Assert.Empty(Reminders.Due(period, regime, period.DeadlineUtc.AddDays(-3.1)));
        Assert.Equal([ReminderOccasion.BeforeDeadline], Reminders.Due(period, regime, period.DeadlineUtc.AddDays(-2.9)));
        Assert.Equal([ReminderOccasion.BeforeDeadline], Reminders.Due(period, regime, period.DeadlineUtc));
        Assert.Empty(Reminders.Due(period, regime, period.DeadlineUtc.AddDays(1)));
        Assert.Equal([ReminderOccasion.AfterDeadline], Reminders.Due(period, regime, period.DeadlineUtc.AddDays(2)));
        Assert.Empty(Reminders.Due(period, regime, period.CloseUtc.AddSeconds(1)));
    }

    [Fact]
    public void The_regime_seed_carries_the_reminder_days()
    {
        Assert.Equal(3, ReportingCalendar.Default.Regime.ReminderDaysBefore);
        Assert.Equal(3, ReportingCalendar.Default.Regime.ReminderDaysAfter);
        var json = """{"version":9,"effectiveFrom":"2030-01-01","utcOffsetHours":7,"windowStartDay":15,"windowEndDay":14,"deadlineDay":17,"deadlineTime":"23:59","consolidationDay":18,"consolidationTime":"01:00","nightlyConsolidationTime":"02:30","closeAfterDays":30,"reminderDaysAfter":31}""";
        Assert.Throws<FormatException>(() => RegimeLoader.Parse(json));
    }

    private static byte[] Letter(ReminderList list, DateTimeOffset drafted)
    {
        using var stream = new MemoryStream();
        ReminderLetter.Write(list, drafted, stream);
        return stream.ToArray();
    }

    [Fact]
    public void The_letter_is_a_valid_docx_in_the_Decree_30_layout_naming_the_units()
    {
        var list = List(AfterMerger(), Q3);
        var drafted = new DateTimeOffset(2025, 9, 20, 2, 0, 0, TimeSpan.Zero);
        var letter = Letter(list, drafted);
        // DANVAN_DOCS_OUT=dir keeps the letter (docs/consolidation.md's picture is rendered from it).
        if (Environment.GetEnvironmentVariable("DANVAN_DOCS_OUT") is { Length: > 0 } docs)
        {
            File.WriteAllBytes(Path.Combine(docs, "cong-van-don-doc.docx"), letter);
        }
        using var doc = WordprocessingDocument.Open(new MemoryStream(letter), false);

        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.NotNull(doc.MainDocumentPart!.StyleDefinitionsPart);
        var body = doc.MainDocumentPart.Document.Body!;
        var tables = body.Elements<W.Table>().ToArray();
        Assert.Equal(2, tables.Length);

        // The header table: issuing body and number on the left, national motto and place and date on the right.
        var header = tables[0].Elements<W.TableRow>().Single().Elements<W.TableCell>().Select(Lines).ToArray();
        Assert.Equal(2, header.Length);
        Assert.Equal("UBND TỈNH QUẢNG NGÃI", header[0][0]);
        Assert.Equal("SỞ NỘI VỤ", header[0][1]);
        Assert.Contains(header[0], l => l.StartsWith("Số:", StringComparison.Ordinal) && l.EndsWith("/SNV-XDCQ", StringComparison.Ordinal));
        Assert.Contains("V/v đôn đốc gửi báo cáo kết quả công tác dân vận Quý III năm 2025", header[0]);
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", header[1][0]);
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", header[1][1]);
        Assert.Contains("Quảng Ngãi, ngày 20 tháng 9 năm 2025", header[1]);

        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToArray();
        var to = Array.IndexOf(paragraphs, "Kính gửi:");
        Assert.True(to >= 0);
        Assert.Equal(["- Sở Tư pháp;", "- Xã Tịnh Khê."], paragraphs[(to + 1)..(to + 3)]);
        var text = string.Join("\n", paragraphs);
        Assert.Contains("23 giờ 59 phút ngày 17 tháng 9 năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("Đến ngày 20 tháng 9 năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("bị trả lại", text, StringComparison.Ordinal);
        Assert.Contains("gửi báo cáo ngay", text, StringComparison.Ordinal);

        var signature = tables[1].Elements<W.TableRow>().Single().Elements<W.TableCell>().Select(Lines).ToArray();
        Assert.Equal("Nơi nhận:", signature[0][0]);
        Assert.Equal("GIÁM ĐỐC", signature[1][0]);
    }

    [Fact]
    public void Before_the_deadline_the_letter_asks_for_the_report_before_it_with_Decree_30_day_spelling()
    {
        // Q1: deadline 17 March; a draft on 5 March (Vietnam) is written "ngày 05 tháng 3".
        var q1 = Q(2025, 1);
        var list = List(new TestProvince(), q1);
        using var doc = WordprocessingDocument.Open(new MemoryStream(Letter(list, new DateTimeOffset(2025, 3, 5, 1, 0, 0, TimeSpan.Zero))), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;

        Assert.Contains("Quảng Ngãi, ngày 05 tháng 3 năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("gửi báo cáo trước 23 giờ 59 phút ngày 17 tháng 3 năm 2025", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bị trả lại, chưa", text, StringComparison.Ordinal);
        Assert.Contains("Xã Tịnh Hà", text, StringComparison.Ordinal);
    }

    private static string[] Lines(W.TableCell cell) =>
        cell.Elements<W.Paragraph>().Select(p => p.InnerText).Where(t => t.Trim().Length > 0).ToArray();

    [Fact]
    public void The_missing_units_workbook_lists_parent_reason_and_key_label()
    {
        var p = new TestProvince().Submission("X12", Q2, 1, AroundDeadline(Q2, -3), SubmissionOutcome.Rejected);
        var list = List(p, Q2);
        var labels = new Dictionary<string, IReadOnlyList<string>> { ["X11"] = ["Văn phòng UBND xã Tịnh Hà"] };
        using var stream = new MemoryStream();
        MissingWorkbook.Write(list, labels, TestProvince.Built, stream);
        stream.Position = 0;
        using var wb = new XLWorkbook(stream);
        var ws = wb.Worksheet(MissingWorkbook.SheetName);

        var row = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "X11");
        Assert.Equal("Xã Tịnh Hà", row.Cell(3).GetString());
        Assert.Equal("Huyện Sơn Tịnh", row.Cell(5).GetString());
        Assert.Equal("Chưa gửi báo cáo", row.Cell(6).GetString());
        Assert.Equal("Văn phòng UBND xã Tịnh Hà", row.Cell(9).GetString());
        var rejected = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "X12");
        Assert.Equal("Đã gửi nhưng bị trả lại, chưa gửi lại", rejected.Cell(6).GetString());
        Assert.Equal("Chưa cấp mã", rejected.Cell(9).GetString());
        Assert.Equal(list.Lines.Count, ws.RowsUsed().Count(r => r.RowNumber() > 4));
    }
}
