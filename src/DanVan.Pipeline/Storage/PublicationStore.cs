using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Consolidated workbooks: <c>published/{period}/v0001.xlsx</c>, … and a stable <c>published/{period}/latest.xlsx</c>.
/// A new version is written only when the content fingerprint changed; earlier versions are kept.
/// </summary>
public sealed class PublicationStore(DanVanStorage storage)
{
    public const string FingerprintKey = "fingerprint";
    public const string VersionKey = "version";

    public static string LatestName(PeriodKey period) => $"{period}/latest.xlsx";

    public static string VersionName(PeriodKey period, int version) =>
        $"{period}/v{version.ToString("D4", CultureInfo.InvariantCulture)}.xlsx";

    public async Task<(int Version, string? Fingerprint)> LatestAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var latest = storage.Container(StorageNames.Published).GetBlobClient(LatestName(period));
        try
        {
            var props = (await latest.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return (int.Parse(props.Metadata[VersionKey], CultureInfo.InvariantCulture), props.Metadata.TryGetValue(FingerprintKey, out var f) ? f : null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (0, null);
        }
    }

    /// <summary>Stores the workbook as a new version and as latest, unless the fingerprint is unchanged.</summary>
    public async Task<(int Version, bool Changed)> PublishAsync(PeriodKey period, string fingerprint, BinaryData workbook, CancellationToken cancellationToken)
    {
        var (version, current) = await LatestAsync(period, cancellationToken);
        if (current == fingerprint)
        {
            return (version, false);
        }
        var next = version + 1;
        var metadata = new Dictionary<string, string>
        {
            [FingerprintKey] = fingerprint,
            [VersionKey] = next.ToString(CultureInfo.InvariantCulture),
        };
        var headers = new BlobHttpHeaders
        {
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ContentDisposition = $"attachment; filename=\"bao-cao-tong-hop-{period}.xlsx\"",
        };
        var container = storage.Container(StorageNames.Published);
        // The versioned blob is immutable: if a concurrent run already wrote this number, keep theirs.
        try
        {
            await container.GetBlobClient(VersionName(period, next)).UploadAsync(workbook, new BlobUploadOptions
            {
                Metadata = metadata,
                HttpHeaders = headers,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (next, false);
        }
        await container.GetBlobClient(LatestName(period)).UploadAsync(workbook, new BlobUploadOptions { Metadata = metadata, HttpHeaders = headers }, cancellationToken);
        return (next, true);
    }

    /// <summary>The latest workbook of a period, or null when none was published.</summary>
    public Task<Stream?> OpenLatestAsync(PeriodKey period, CancellationToken cancellationToken) =>
        BlobReads.OpenOrNullAsync(storage.Container(StorageNames.Published).GetBlobClient(LatestName(period)), cancellationToken);

    /// <summary>One published version, or null when the period has no such version.</summary>
    public Task<Stream?> OpenVersionAsync(PeriodKey period, int version, CancellationToken cancellationToken) =>
        BlobReads.OpenOrNullAsync(storage.Container(StorageNames.Published).GetBlobClient(VersionName(period, version)), cancellationToken);

    /// <summary>Every published version of a period, oldest first; empty when none was published.</summary>
    public async Task<IReadOnlyList<PublishedVersion>> ListVersionsAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var list = new List<PublishedVersion>();
        var blobs = storage.Container(StorageNames.Published).GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = $"{period}/v" }, cancellationToken);
        await foreach (var b in blobs)
        {
            if (b.Metadata.TryGetValue(VersionKey, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                list.Add(new PublishedVersion(version, b.Properties.CreatedOn ?? b.Properties.LastModified ?? default, b.Metadata.TryGetValue(FingerprintKey, out var f) ? f : null));
            }
        }
        return list.OrderBy(x => x.Version).ToList();
    }
}

/// <summary>One published workbook of a period: its number, when it was written, the fingerprint of its content.</summary>
public sealed record PublishedVersion(int Version, DateTimeOffset PublishedUtc, string? Fingerprint);
