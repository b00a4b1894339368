using Azure.Data.Tables;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DanVan.Functions.Tests;

/// <summary>
/// The Functions app's ingest path (Event Grid blob trigger, queue trigger, reconciliation timer), invoked
/// in-process against Azurite with the worker's own services: the same exactly-once guarantees as the self-host.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class IngestGuaranteesTests : IAsyncLifetime
{
    private const string Unit = "21211";
    private static readonly PeriodKey Period = PeriodKey.ForQuarter(2043, 2);
    private AzuriteLauncher _azurite = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DanVanStorage"] = _azurite.ConnectionString,
            ["DanVan:Ingest:ReconcileGraceSeconds"] = "0",
        });
        FunctionsHostSetup.Configure(builder);
        // The checker's "now": two days before the quarter's deadline, running on from there.
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ShiftedClock(ReportingCalendar.Default.Get(Period).DeadlineUtc.AddDays(-2))));
        _host = builder.Build();
        await Storage.EnsureCreatedAsync(default);
    }

    private DanVanStorage Storage => _host.Services.GetRequiredService<DanVanStorage>();

    private T Function<T>() => ActivatorUtilities.CreateInstance<T>(_host.Services);

    [Fact]
    public async Task The_same_blob_from_Event_Grid_and_the_queue_at_once_and_its_bytes_again_make_one_version()
    {
        var bytes = Filled(3);
        var first = await PutAsync("a.xlsx", bytes);
        var second = await PutAsync("b.xlsx", bytes);

        await Task.WhenAll(
            Function<IngestUpload>().RunAsync(Storage.Container(StorageNames.Uploads).GetBlobClient(first), first, default),
            Function<IngestQueued>().RunAsync(first, default),
            Function<IngestUpload>().RunAsync(Storage.Container(StorageNames.Uploads).GetBlobClient(second), second, default),
            Function<IngestQueued>().RunAsync(second, default));
        // Whatever a delivery left to its racing twin, reconciliation finishes.
        await Function<ReconcileUploads>().RunAsync(null!, default);

        var rows = await RowsAsync(StorageNames.Submissions);
        var row = Assert.Single(rows);
        Assert.Equal("accepted", row.GetString("State"));
        var values = await RowsAsync(StorageNames.Values);
        Assert.Single(values);
        var receipts = await RowsAsync(StorageNames.UploadReceipts);
        Assert.Equal(2, receipts.Count);
        Assert.Single(receipts, r => r.GetBoolean("Duplicate") == true);
    }

    [Fact]
    public async Task Racing_uploads_for_one_unit_through_both_triggers_get_versions_without_gaps()
    {
        var names = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            names.Add(await PutAsync($"f{i}.xlsx", Filled(i)));
        }

        await Task.WhenAll(names.SelectMany(n => new[]
        {
            Function<IngestUpload>().RunAsync(Storage.Container(StorageNames.Uploads).GetBlobClient(n), n, default),
            Function<IngestQueued>().RunAsync(n, default),
        }));
        await Function<ReconcileUploads>().RunAsync(null!, default);

        var versions = (await RowsAsync(StorageNames.Values)).Select(v => v.GetInt32("Version") ?? 0).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 12), versions);
        Assert.All(await RowsAsync(StorageNames.Submissions), r => Assert.Equal("accepted", r.GetString("State")));
    }

    [Fact]
    public async Task A_blob_no_event_announced_is_ingested_by_reconciliation()
    {
        var name = await PutAsync("khong-co-su-kien.xlsx", Filled(9));

        await Function<ReconcileUploads>().RunAsync(null!, default);

        var row = Assert.Single(await RowsAsync(StorageNames.Submissions));
        Assert.Equal(name, row.GetString("UploadBlob"));
        Assert.Equal("accepted", row.GetString("State"));
    }

    private async Task<string> PutAsync(string file, byte[] bytes)
    {
        var name = $"{Unit}/{Period}/{file}";
        await Storage.Container(StorageNames.Uploads).GetBlobClient(name).UploadAsync(new BinaryData(bytes));
        return name;
    }

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var list = new List<TableEntity>();
        await foreach (var e in Storage.Table(table).QueryAsync<TableEntity>(x => x.PartitionKey == Period.ToString()))
        {
            list.Add(e);
        }
        return list;
    }

    private static byte[] Filled(long value)
    {
        var rp = ReportingCalendar.Default.Get(Period);
        var unit = UnitRegistry.Default.FindByCode(Unit, rp.WindowEnd)!;
        using var template = new MemoryStream();
        var catalogue = CatalogueSet.Default.For(Period);
        TemplateWriter.Write(unit, rp, catalogue, UnitRegistry.Default, template);
        template.Position = 0;
        using var wb = new XLWorkbook(template);
        foreach (var indicator in catalogue.Inputs.Where(i => i.IsNumeric))
        {
            wb.NamedRange(TemplateNames.ForIndicator(indicator.Code)).Ranges.First().FirstCell().Value = value;
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _azurite.DisposeAsync();
    }

    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_origin);
    }
}
