using Azure.Data.Tables;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Status;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Ingest;

/// <summary>What a clerk lives through after pressing "send": every upload ends in one visible state, nothing is lost.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestServiceTests(AzuriteFixture azurite)
{
    private const string TinhKhe = "21211";

    // Each test takes its own quarter so tests sharing one Azurite never see each other's rows.
    private static PeriodKey Quarter(int year, int q) => PeriodKey.ForQuarter(year, q);

    private PipelineHarness Harness(PeriodKey period, IngestOptions? options = null) =>
        new(azurite.ConnectionString, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2), options);

    [Fact]
    public async Task An_accepted_report_is_archived_stored_as_the_current_version_and_answered_with_feedback()
    {
        var period = Quarter(2028, 1);
        await using var h = Harness(period);
        var bytes = Reports.Filled(TinhKhe, period, Reports.AllNumbers(4));

        var outcome = await h.UploadAndIngestAsync(TinhKhe, period, bytes);

        Assert.Equal(SubmissionOutcome.Accepted, outcome.State);
        Assert.Equal(1, outcome.Version);
        var storage = h.Get<DanVanStorage>();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.True((await storage.Container(StorageNames.Archive).GetBlobClient(ArchiveStore.NameFor(hash)).ExistsAsync()).Value);
        var report = Assert.Single(await h.Get<ReportStore>().CurrentReportsAsync(period, default));
        Assert.Equal(4L, report.Numbers["LD_VANBAN"]);
        // Nothing to mark: built on the first request (FeedbackStore), not at ingestion.
        await using var opened = await h.Get<FeedbackStore>().OpenAsync(outcome.FeedbackBlob!, default);
        using var feedback = new XLWorkbook(opened!);
        Assert.Contains(feedback.Worksheets, w => w.Name == "Kết quả kiểm tra");
        var events = (await h.Get<AuditLog>().ReadAsync(period.ToString(), default)).Select(e => e.Event).ToList();
        Assert.Equal(["received", "accepted"], events);
    }

    [Fact]
    public async Task The_same_bytes_again_change_nothing_and_are_answered_already_received()
    {
        var period = Quarter(2028, 2);
        await using var h = Harness(period);
        var bytes = Reports.Filled(TinhKhe, period, Reports.AllNumbers(2));

        var first = await h.UploadAndIngestAsync(TinhKhe, period, bytes);
        var again = await h.UploadAndIngestAsync(TinhKhe, period, bytes, "ban-sao.xlsx");

        Assert.False(first.AlreadyReceived);
        Assert.True(again.AlreadyReceived);
        Assert.Equal(first.SubmissionId, again.SubmissionId);
        Assert.Contains("đã được tiếp nhận trước đó", again.MessageVi);
        Assert.Single(await h.Get<SubmissionStore>().ListAsync(period.ToString(), default));
        Assert.Equal(1, Assert.Single(await h.Get<ReportStore>().CurrentReportsAsync(period, default)).Version);
    }

    [Fact]
    public async Task A_corrected_file_becomes_the_new_version_and_the_previous_one_is_kept()
    {
        var period = Quarter(2028, 3);
        await using var h = Harness(period);

        await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, Reports.AllNumbers(1)));
        var second = await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, Reports.AllNumbers(9)));

        Assert.Equal(2, second.Version);
        Assert.Contains("bản điều chỉnh (lần gửi thứ 2)", second.MessageVi);
        var rows = await h.Get<SubmissionStore>().ListAsync(period.ToString(), default);
        Assert.Equal(2, rows.Count);
        Assert.Equal([false, true], rows.OrderBy(r => r.Version).Select(r => r.IsCurrent));
        Assert.Equal(9L, Assert.Single(await h.Get<ReportStore>().CurrentReportsAsync(period, default)).Numbers["LD_VANBAN"]);
        var versions = new List<string>();
        await foreach (var e in h.Get<DanVanStorage>().Table(StorageNames.Values).QueryAsync<TableEntity>(x => x.PartitionKey == period.ToString()))
        {
            versions.Add(e.RowKey);
        }
        Assert.Equal([TinhKhe + "_v0001", TinhKhe + "_v0002"], versions.Order());
    }

    [Fact]
    public async Task Concurrent_corrections_for_one_unit_never_interleave()
    {
        var period = Quarter(2028, 4);
        await using var h = Harness(period);
        var files = Enumerable.Range(1, 6).Select(i => Reports.Filled(TinhKhe, period, Reports.AllNumbers(i))).ToArray();

        var outcomes = await Task.WhenAll(files.Select(f => h.UploadAndIngestAsync(TinhKhe, period, f)));

        Assert.Equal(Enumerable.Range(1, 6), outcomes.Select(o => o.Version).Order());
        var rows = await h.Get<SubmissionStore>().ListAsync(period.ToString(), default);
        var current = Assert.Single(rows, r => r.IsCurrent);
        Assert.Equal(6, current.Version);
        // The current values are all from one file: the one whose submission the pointer names.
        var report = Assert.Single(await h.Get<ReportStore>().CurrentReportsAsync(period, default));
        Assert.Equal(current.Id, report.SubmissionId);
        Assert.Single(report.Numbers.Values.Distinct());
    }

    [Fact]
    public async Task A_report_with_errors_is_rejected_with_every_problem_and_stores_no_values()
    {
        var period = Quarter(2029, 1);
        await using var h = Harness(period);
        var values = Reports.AllNumbers(5);
        values["CC_HS_GIAIQUYET"] = "abc";
        values["CC_HS_TRUCTUYEN"] = 50; // more than CC_HS_TIEPNHAN (5): a rule that rejects

        var outcome = await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, values));

        Assert.Equal(SubmissionOutcome.Rejected, outcome.State);
        var row = Assert.Single(await h.Get<SubmissionStore>().ListAsync(period.ToString(), default));
        Assert.True(row.Errors >= 2);
        Assert.Contains("không phải là số", row.ProblemsJson);
        Assert.Contains("abc", row.ProblemsJson);
        Assert.Empty(await h.Get<ReportStore>().CurrentReportsAsync(period, default));
        using var feedback = new XLWorkbook((await h.Get<DanVanStorage>().Container(StorageNames.Feedback).GetBlobClient(outcome.FeedbackBlob).DownloadContentAsync()).Value.Content.ToStream());
        Assert.Contains("abc", string.Join(" ", feedback.Worksheet("Kết quả kiểm tra").CellsUsed().Select(c => c.GetString())));
    }

    [Fact]
    public async Task Another_units_template_is_refused_naming_both_units()
    {
        var period = Quarter(2029, 2);
        await using var h = Harness(period);

        var outcome = await h.UploadAndIngestAsync("21172", period, Reports.Filled(TinhKhe, period, Reports.AllNumbers(1)));

        Assert.Equal(SubmissionOutcome.Rejected, outcome.State);
        var row = Assert.Single(await h.Get<SubmissionStore>().ListAsync(period.ToString(), default));
        Assert.Contains("Tịnh Khê", row.ProblemsJson);
        Assert.Contains("Trương Quang Trọng", row.ProblemsJson);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_archived_rejected_and_answered()
    {
        var period = Quarter(2029, 3);
        await using var h = Harness(period);
        var bytes = "%PDF-1.7 not a workbook"u8.ToArray();

        var outcome = await h.UploadAndIngestAsync(TinhKhe, period, bytes, "bao-cao.pdf");

        Assert.Equal(SubmissionOutcome.Rejected, outcome.State);
        Assert.NotNull(outcome.FeedbackBlob);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.True((await h.Get<DanVanStorage>().Container(StorageNames.Archive).GetBlobClient(ArchiveStore.NameFor(hash)).ExistsAsync()).Value);
        var status = await h.Get<StatusService>().GetAsync(period, default);
        Assert.Equal(SubmissionOutcome.Rejected, status.Units.Single(u => u.Code == TinhKhe).LastState);
    }

    [Fact]
    public async Task A_file_dropped_outside_any_units_folder_is_visible_as_unidentified_not_guessed()
    {
        await using var h = Harness(Quarter(2029, 4));
        await h.Get<DanVanStorage>().EnsureCreatedAsync(default);
        var name = "lost-" + Guid.NewGuid().ToString("N")[..6] + ".xlsx";
        await h.Uploads.UploadBlobAsync(name, BinaryData.FromBytes(Reports.Filled(TinhKhe, Quarter(2029, 4), Reports.AllNumbers(1))));

        var outcome = await h.Get<IngestService>().IngestAsync(name, default);

        Assert.Equal(SubmissionOutcome.Rejected, outcome.State);
        Assert.Equal(SubmissionStore.Unidentified, outcome.Period);
        var row = Assert.Single(await h.Get<SubmissionStore>().ListAsync(SubmissionStore.Unidentified, default), r => r.UploadBlob == name);
        Assert.Contains(ProblemCodes.UnknownUploader, row.ProblemsJson);
    }

    [Fact]
    public async Task A_closed_period_refuses_uploads_until_reopened_for_that_unit()
    {
        var period = Quarter(2030, 1);
        await using var h = Harness(period);
        h.Clock.AdjustTime(ReportingCalendar.Default.Get(period).CloseUtc.AddDays(1));

        var refused = await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, Reports.AllNumbers(3)));
        await h.Get<ReopeningStore>().ReopenAsync(period, TinhKhe, "Bổ sung số liệu", "test", h.Clock.GetUtcNow(), default);
        var accepted = await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, Reports.AllNumbers(4)));

        Assert.Equal(SubmissionOutcome.Rejected, refused.State);
        Assert.Contains(ProblemCodes.PeriodClosed, (await h.Get<SubmissionStore>().FindAsync(period.ToString(), refused.SubmissionId, default))!.ProblemsJson);
        Assert.True(accepted.State.IsAccepted());
    }

    [Fact]
    public async Task A_fault_that_is_not_the_files_is_retried_then_shown_as_a_system_error()
    {
        var period = Quarter(2030, 2);
        await using var h = Harness(period, new IngestOptions { MaxAttempts = 2 });
        var storage = h.Get<DanVanStorage>();
        await storage.EnsureCreatedAsync(default);
        var name = UploadPath.For(TinhKhe, period, "x.xlsx");
        await h.Uploads.UploadBlobAsync(name, BinaryData.FromBytes(Reports.Filled(TinhKhe, period, Reports.AllNumbers(1))));
        // The version pointer's table disappears: storing the accepted report fails, through no fault of the file.
        await storage.Table(StorageNames.Current).DeleteAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => h.Get<IngestService>().IngestAsync(name, default));
            var second = await h.Get<IngestService>().IngestAsync(name, default);
            await storage.Table(StorageNames.Current).CreateIfNotExistsAsync();

            Assert.Equal(SubmissionOutcome.SystemError, second.State);
            var row = Assert.Single(await h.Get<SubmissionStore>().ListAsync(period.ToString(), default));
            Assert.Equal(SubmissionOutcome.SystemError, row.State);
            Assert.Equal(2, row.Attempts);
            Assert.Contains("lỗi hệ thống", row.SummaryVi, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("system-error", (await h.Get<AuditLog>().ReadAsync(period.ToString(), default)).Select(e => e.Event));
        }
        finally
        {
            await storage.Table(StorageNames.Current).CreateIfNotExistsAsync();
        }
    }
}
