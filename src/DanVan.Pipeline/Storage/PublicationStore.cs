using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// Consolidated workbooks: <c>published/{period}/v0001.xlsx</c>, … and a stable <c>published/{period}/latest.xlsx</c>.
/// A new version is written only when the content fingerprint changed; earlier versions are kept.
/// </summary>
public sealed class PublicationStore(DanVanStorage storage, Reliability.ICrashPoints crashPoints)
{
    public const string FingerprintKey = "fingerprint";
    public const string VersionKey = "version";
    public const string CompletenessKey = "completeness";

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

    /// <summary>
    /// Stores the workbook as a new version and as latest, unless the fingerprint is unchanged. The next number
    /// comes from the versions that exist, not from <c>latest</c>, and <c>latest</c> is rewritten whenever it does
    /// not show the newest version: a run stopped between the two writes is repaired by the next one instead of
    /// freezing the period.
    /// </summary>
    public async Task<(int Version, bool Changed)> PublishAsync(PeriodKey period, string fingerprint, BinaryData workbook, CancellationToken cancellationToken, string? completenessVi = null)
    {
        var container = storage.Container(StorageNames.Published);
        var headers = new BlobHttpHeaders
        {
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ContentDisposition = $"attachment; filename=\"bao-cao-tong-hop-{period}.xlsx\"",
        };
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (newest, newestFingerprint) = await NewestVersionAsync(period, cancellationToken);
            var (latest, _) = await LatestAsync(period, cancellationToken);
            if (newest > 0 && newestFingerprint == fingerprint)
            {
                if (latest == newest)
                {
                    return (newest, false);
                }
                // The newest version was written but latest was not (a crash between the two): finish the job.
                await container.GetBlobClient(LatestName(period)).UploadAsync(workbook, new BlobUploadOptions { Metadata = Metadata(fingerprint, newest, completenessVi), HttpHeaders = headers }, cancellationToken);
                return (newest, true);
            }
            var next = newest + 1;
            try
            {
                // The versioned blob is immutable: if a concurrent run already wrote this number, look again.
                await container.GetBlobClient(VersionName(period, next)).UploadAsync(workbook, new BlobUploadOptions
                {
                    Metadata = Metadata(fingerprint, next, completenessVi),
                    HttpHeaders = headers,
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }
            crashPoints.Reached(Reliability.CrashStep.PublishedVersion);
            await container.GetBlobClient(LatestName(period)).UploadAsync(workbook, new BlobUploadOptions { Metadata = Metadata(fingerprint, next, completenessVi), HttpHeaders = headers }, cancellationToken);
            crashPoints.Reached(Reliability.CrashStep.PublishedLatest);
            return (next, true);
        }
        throw new InvalidOperationException($"Could not publish {period}: every version number was taken by concurrent runs.");
    }

    private static Dictionary<string, string> Metadata(string fingerprint, int version, string? completenessVi)
    {
        var metadata = new Dictionary<string, string>
        {
            [FingerprintKey] = fingerprint,
            [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
        };
        if (completenessVi is { } line)
        {
            // Blob metadata is ASCII: the completeness line travels URI-escaped.
            metadata[CompletenessKey] = Uri.EscapeDataString(line);
        }
        return metadata;
    }


    /// <summary>The highest vNNNN that exists for the period and its fingerprint (0 when none).</summary>
    private async Task<(int Version, string? Fingerprint)> NewestVersionAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var newest = (Version: 0, Fingerprint: (string?)null);
        await foreach (var item in storage.Container(StorageNames.Published).GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, $"{period}/v", cancellationToken: cancellationToken))
        {
            var stem = Path.GetFileNameWithoutExtension(item.Name);
            if (stem.Length > 1 && int.TryParse(stem.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > newest.Version)
            {
                newest = (v, item.Metadata.TryGetValue(FingerprintKey, out var f) ? f : null);
            }
        }
        return newest;
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
                list.Add(new PublishedVersion(version, b.Properties.CreatedOn ?? b.Properties.LastModified ?? default, b.Metadata.TryGetValue(FingerprintKey, out var f) ? f : null,
                    b.Metadata.TryGetValue(CompletenessKey, out var c) ? Uri.UnescapeDataString(c) : null));
            }
        }
        return list.OrderBy(x => x.Version).ToList();
    }
}

/// <summary>One published workbook of a period: its number, when it was written, the fingerprint of its content.</summary>
/// <summary>One published workbook: its number, when, its fingerprint, and the completeness line it printed.</summary>
public sealed record PublishedVersion(int Version, DateTimeOffset PublishedUtc, string? Fingerprint, string? CompletenessVi = null);
