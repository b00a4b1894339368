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
}
