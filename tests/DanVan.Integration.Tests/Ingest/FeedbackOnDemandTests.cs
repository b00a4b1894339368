using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Ingest;

/// <summary>
/// An accepted report with nothing to mark gets its feedback workbook on the first request: the same workbook
/// ingestion would have written, and a report with problems still gets it at ingestion.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedbackOnDemandTests(AzuriteFixture azurite)
{
    private const string TinhKhe = "21211";

    private static PipelineHarness Harness(string connection, PeriodKey period) =>
        new(connection, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2));

    [Fact]
    public async Task A_clean_report_gets_on_request_the_workbook_ingestion_would_have_built()
    {
        var period = PeriodKey.ForQuarter(2044, 1);
        await using var h = Harness(azurite.ConnectionString, period);
        var bytes = Reports.Filled(TinhKhe, period, Reports.AllNumbers(6));

        var outcome = await h.UploadAndIngestAsync(TinhKhe, period, bytes);

        Assert.Equal(SubmissionOutcome.Accepted, outcome.State);
        var blob = h.Get<DanVanStorage>().Container(StorageNames.Feedback).GetBlobClient(outcome.FeedbackBlob);
        Assert.False((await blob.ExistsAsync()).Value);

        await using var lazy = await h.Get<FeedbackStore>().OpenAsync(outcome.FeedbackBlob!, default);
        Assert.NotNull(lazy);
        Assert.True((await blob.ExistsAsync()).Value);

        // What ingestion wrote before: the check on the same bytes, its workbook.
        var reference = h.Get<ReferenceData>();
        var context = new CheckContext(TinhKhe, period, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2),
            reference.Registry, reference.Calendar, reference.Catalogues, new IngestLimits());
        var fileName = (await h.Get<SubmissionStore>().FindAsync(outcome.Period, outcome.SubmissionId, default))!.FileName;
        var result = ReportChecker.Check(new MemoryStream(bytes), fileName, context);
        Assert.Empty(result.Problems);
        using var eager = new MemoryStream();
        FeedbackWorkbook.Write(fileName, result, context, eager);
        eager.Position = 0;

        using var a = new XLWorkbook(eager);
        using var b = new XLWorkbook(lazy!);
        Assert.Equal(Cells(a), Cells(b));
        Assert.Contains(Cells(b), c => c.Contains("6", StringComparison.Ordinal));

        // A second request reads the stored workbook.
        await using var again = await h.Get<FeedbackStore>().OpenAsync(outcome.FeedbackBlob!, default);
        using var c = new XLWorkbook(again!);
        Assert.Equal(Cells(a), Cells(c));
    }

    [Fact]
    public async Task A_report_with_problems_has_its_workbook_at_ingestion_and_an_unknown_name_has_none()
    {
        var period = PeriodKey.ForQuarter(2044, 2);
        await using var h = Harness(azurite.ConnectionString, period);
        var values = Reports.AllNumbers(5);
        values["CC_HS_TRUCTUYEN"] = 50;

        var outcome = await h.UploadAndIngestAsync(TinhKhe, period, Reports.Filled(TinhKhe, period, values));

        Assert.Equal(SubmissionOutcome.Rejected, outcome.State);
        Assert.True((await h.Get<DanVanStorage>().Container(StorageNames.Feedback).GetBlobClient(outcome.FeedbackBlob).ExistsAsync()).Value);
        Assert.Null(await h.Get<FeedbackStore>().OpenAsync(FeedbackStore.NameFor(period.ToString(), TinhKhe, TinhKhe + "_nope"), default));
    }

    private static List<string> Cells(XLWorkbook wb) =>
        wb.Worksheets.SelectMany(w => w.CellsUsed().Select(c => w.Name + "!" + c.Address + "=" + c.GetFormattedString())).ToList();
}
