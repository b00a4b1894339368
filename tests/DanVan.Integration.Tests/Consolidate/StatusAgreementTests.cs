using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Status;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Consolidate;

/// <summary>The status view (portal, `danvan status`) and the consolidated workbook read the same submissions the same way.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusAgreementTests(AzuriteFixture azurite)
{
    private static readonly PeriodKey Q1 = PeriodKey.ForQuarter(2043, 1);

    [Fact]
    public async Task Status_view_and_consolidated_workbook_agree_unit_by_unit()
    {
        var deadline = ReportingCalendar.Default.Get(Q1).DeadlineUtc;
        await using var h = new PipelineHarness(azurite.ConnectionString, deadline.AddDays(-3));
        // On time, uploaded under the code in another case (the folder is the uploader's, not the registry's spelling).
        await Ingest(h, "so-vpub", "SO-VPUB", deadline.AddDays(-3), Reports.AllNumbers(1), accepted: true);
        // Rejected before the deadline, accepted after it: late.
        var bad = Reports.AllNumbers(1);
        bad["CC_HS_GIAIQUYET"] = "abc";
        await Ingest(h, "SO-TUPHAP", "SO-TUPHAP", deadline.AddDays(-2), bad, accepted: false);
        await Ingest(h, "SO-TUPHAP", "SO-TUPHAP", deadline.AddHours(5), Reports.AllNumbers(2), accepted: true);
        // On time, then corrected after the deadline.
        await Ingest(h, "21211", "21211", deadline.AddDays(-1), Reports.AllNumbers(1), accepted: true);
        await Ingest(h, "21211", "21211", deadline.AddDays(1), Reports.AllNumbers(3), accepted: true);
        // Only a rejected upload: missing.
        await Ingest(h, "21172", "21172", deadline.AddDays(-1), bad, accepted: false);

        var outcome = await h.Get<ConsolidationService>().ConsolidateAsync(Q1, default);
        var status = await h.Get<StatusService>().GetAsync(Q1, default);

        var published = h.Get<DanVanStorage>().Container(StorageNames.Published).GetBlobClient(PublicationStore.LatestName(Q1));
        using var workbook = new XLWorkbook((await published.DownloadContentAsync()).Value.Content.ToStream());
        var sheet = workbook.Worksheet("Tình hình nộp báo cáo");
        var fromWorkbook = sheet.RowsUsed().Where(r => r.RowNumber() > 4 && r.Cell(2).GetString().Length > 0)
            .ToDictionary(r => r.Cell(2).GetString(), r => (State: r.Cell(6).GetString(), Corrected: r.Cell(9).GetString() == "có", Uploads: (int)r.Cell(11).GetDouble()));
        var fromStatus = status.Units.ToDictionary(
            u => u.Code,
            u => (State: !u.HasAcceptedReport ? "chưa nộp" : u.Late ? "nộp muộn" : "đúng hạn", Corrected: u.CorrectedAfterDeadline, u.Uploads));

        Assert.Equal(fromStatus.OrderBy(x => x.Key, StringComparer.Ordinal), fromWorkbook.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(("đúng hạn", false, 1), fromStatus["SO-VPUB"]);
        Assert.Equal(("nộp muộn", false, 2), fromStatus["SO-TUPHAP"]);
        Assert.Equal(("đúng hạn", true, 2), fromStatus["21211"]);
        Assert.Equal(("chưa nộp", false, 1), fromStatus["21172"]);
        Assert.Equal(outcome.Completeness, status.Completeness);
        Assert.Equal((3, 1, 1), (status.Received, status.Late, status.CorrectedAfterDeadline));
        Assert.Equal(status.CompletenessVi, sheet.Cell("A3").GetString());
        Assert.True(status.Submissions.Single(s => s.UnitCode == "21211" && s.Version == 2).Late);
    }

    /// <summary>
    /// Ingests a real file, then dates its submission row <paramref name="at"/>: storage takes the received time from
    /// the blob's creation, which a test cannot set, and both readers judge lateness from that row.
    /// </summary>
    private static async Task Ingest(
        PipelineHarness h, string folder, string unit, DateTimeOffset at, IReadOnlyDictionary<string, object> values, bool accepted)
    {
        var outcome = await h.UploadAndIngestAsync(folder, Q1, Reports.Filled(unit, Q1, values));
        Assert.True(outcome.State.IsAccepted() == accepted, outcome.MessageVi);
        var store = h.Get<SubmissionStore>();
        var row = await store.FindAsync(Q1.ToString(), outcome.SubmissionId, default) ?? throw new InvalidOperationException(outcome.SubmissionId);
        await store.UpdateAsync(row with { ReceivedUtc = at }, default);
    }
}
