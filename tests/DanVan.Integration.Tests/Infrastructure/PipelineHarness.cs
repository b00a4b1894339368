using Azure.Storage.Blobs;
using DanVan.Core.Calendar;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>The pipeline's real services over the collection's Azurite, with a clock the test sets (frozen until set: periods open and close by the calendar, not by the day CI runs).</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public PipelineHarness(string connectionString, DateTimeOffset now, IngestOptions? ingest = null)
    {
        Clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDanVanPipeline(connectionString, ingest);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _services = services.BuildServiceProvider();
        Uploads = new BlobServiceClient(connectionString).GetBlobContainerClient(StorageNames.Uploads);
    }

    public FakeTimeProvider Clock { get; }

    public BlobContainerClient Uploads { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Puts a file where an authorised uploader would and runs the ingestion the trigger would run.</summary>
    public async Task<IngestOutcome> UploadAndIngestAsync(string unit, PeriodKey period, byte[] content, string fileName = "bao-cao.xlsx")
    {
        var name = UploadPath.For(unit, period, Guid.NewGuid().ToString("N")[..8] + "-" + fileName);
        await Get<DanVanStorage>().EnsureCreatedAsync(default);
        await Uploads.UploadBlobAsync(name, BinaryData.FromBytes(content));
        return await Get<IngestService>().IngestAsync(name, default);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
