using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Storage;

namespace DanVan.Integration.Tests.Cli;

/// <summary>The operator's verbs that touch storage, run as `danvan` runs them, against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageVerbsTests(AzuriteFixture azurite)
{
    private Task<(int Code, string Out, string Error)> Run(params string[] args) => azurite.RunVerbAsync(args);

    [Fact]
    public async Task Keys_are_issued_once_stored_only_as_a_hash_listed_and_revoked()
    {
        var issued = await Run("keys", "issue", "--role", "agency", "--unit", "21211");
        Assert.Equal(ExitCodes.Done, issued.Code);
        var secret = issued.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dv_", StringComparison.Ordinal));
        var store = new AccessKeyStore(new DanVanStorage(azurite.ConnectionString), TimeProvider.System);
        var key = await store.ResolveAsync(secret, default);
        Assert.Equal("21211", key!.UnitCode);
        Assert.True(key.MayActFor("21211"));
        Assert.False(key.MayActFor("21172"));

        var listed = await Run("keys", "list");
        Assert.Contains(key.Id, listed.Out);
        Assert.DoesNotContain(secret, listed.Out);

        Assert.Equal(ExitCodes.Done, (await Run("keys", "revoke", key.Id)).Code);
        Assert.Null(await store.ResolveAsync(secret, default));
        Assert.Equal(ExitCodes.Refused, (await Run("keys", "revoke", "000000000000")).Code);
    }

    [Fact]
    public async Task An_agency_key_needs_a_unit_that_reports()
    {
        Assert.Equal(ExitCodes.Usage, (await Run("keys", "issue", "--role", "agency")).Code);
        Assert.Equal(ExitCodes.Refused, (await Run("keys", "issue", "--role", "agency", "--unit", "99999")).Code);
        Assert.Equal(ExitCodes.Usage, (await Run("keys", "issue", "--role", "owner")).Code);
    }

    [Fact]
    public async Task Consolidate_prints_completeness_and_where_the_workbook_is_and_a_rerun_changes_nothing()
    {
        var period = PeriodKey.ForQuarter(2037, 1);
        await using (var h = new PipelineHarness(azurite.ConnectionString, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-1)))
        {
            await h.UploadAndIngestAsync("21211", period, Reports.Filled("21211", period, Reports.AllNumbers(1)));
        }

        var first = await Run("consolidate", "--period", period.ToString());
        var second = await Run("consolidate", "--period", period.ToString());
        var status = await Run("status", "--period", period.ToString());

        Assert.Equal(ExitCodes.Done, first.Code);
        Assert.Contains("đã nhận 1/110 báo cáo", first.Out);
        Assert.Contains($"published/{period}/v0001.xlsx", first.Out);
        Assert.Contains("Số liệu không thay đổi", second.Out);
        Assert.Contains("Đã nhận 1/110 báo cáo", status.Out);
        Assert.Contains("█", status.Out);
    }

    [Fact]
    public async Task Reopen_lets_one_unit_upload_into_a_closed_period_and_is_audited()
    {
        var period = PeriodKey.ForQuarter(2039, 2);
        await using var h = new PipelineHarness(azurite.ConnectionString, ReportingCalendar.Default.Get(period).CloseUtc.AddDays(2));
        var refused = await h.UploadAndIngestAsync("21211", period, Reports.Filled("21211", period, Reports.AllNumbers(2)));

        var reopened = await Run("reopen", "--period", period.ToString(), "--unit", "21211", "--reason", "Bổ sung số liệu theo Công văn 12", "--by", "sonoivu");
        var accepted = await h.UploadAndIngestAsync("21211", period, Reports.Filled("21211", period, Reports.AllNumbers(3)));
        var other = await h.UploadAndIngestAsync("21172", period, Reports.Filled("21172", period, Reports.AllNumbers(3)));

        Assert.Equal(Core.Ingest.SubmissionOutcome.Rejected, refused.State);
        Assert.Equal(ExitCodes.Done, reopened.Code);
        Assert.Contains("Đã mở lại kỳ báo cáo Quý II năm 2039 cho Xã Tịnh Khê", reopened.Out);
        Assert.Equal(Core.Ingest.SubmissionOutcome.Accepted, accepted.State);
        Assert.Equal(Core.Ingest.SubmissionOutcome.Rejected, other.State);
        var audit = await h.Get<AuditLog>().ReadAsync(period.ToString(), default);
        Assert.Contains(audit, e => e.Event == "reopened" && e.Unit == "21211" && e.Detail.Contains("Công văn 12"));
        Assert.Equal(ExitCodes.Usage, (await Run("reopen", "--period", period.ToString(), "--unit", "21211")).Code);
    }

    /// <summary>A code typed in another case is the registry's unit: the key, the reopening and the upload all carry "SO-VPUB".</summary>
    [Fact]
    public async Task A_unit_code_typed_in_any_case_is_stored_as_the_registrys()
    {
        var issued = await Run("keys", "issue", "--role", "agency", "--unit", " so-vpub ");
        Assert.Equal(ExitCodes.Done, issued.Code);
        var secret = issued.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dv_", StringComparison.Ordinal));
        var key = await new AccessKeyStore(new DanVanStorage(azurite.ConnectionString), TimeProvider.System).ResolveAsync(secret, default);
        Assert.Equal("SO-VPUB", key!.UnitCode);
        Assert.True(key.MayActFor("SO-VPUB"));

        var period = PeriodKey.ForQuarter(2041, 1);
        var reopened = await Run("reopen", "--period", period.ToString(), "--unit", "So-Vpub", "--reason", "Bổ sung");
        Assert.Equal(ExitCodes.Done, reopened.Code);
        await using var h = new PipelineHarness(azurite.ConnectionString, ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-1));
        var audit = await h.Get<AuditLog>().ReadAsync(period.ToString(), default);
        Assert.Contains(audit, e => e.Event == "reopened" && e.Unit == "SO-VPUB");

        var file = Path.Combine(Directory.CreateTempSubdirectory("danvan-canonical-").FullName, "bao-cao.xlsx");
        await File.WriteAllBytesAsync(file, Reports.Filled("SO-VPUB", period, Reports.AllNumbers(1)));
        var submitted = await Run("submit", file, "--unit", "so-vpub", "--no-wait");
        Assert.True(submitted.Code == ExitCodes.Done, submitted.Error);
        Assert.Contains("cho đơn vị SO-VPUB", submitted.Out);
        var uploads = new List<string>();
        await foreach (var blob in h.Uploads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "SO-VPUB/" + period, default))
        {
            uploads.Add(blob.Name);
        }
        Assert.Single(uploads);
    }
}
