namespace DanVan.Pipeline.Storage;

/// <summary>Containers and tables (docs/system-contract.md §4); keys are described in docs/ARCHITECTURE.md.</summary>
public static class StorageNames
{
    public const string Uploads = "uploads";
    public const string Archive = "archive";
    public const string Feedback = "feedback";
    public const string Published = "published";

    /// <summary>The portal's data-protection key ring, shared by every instance (Web/Security/PortalDataProtection).</summary>
    public const string PortalKeys = "portal-keys";

    public const string Submissions = "Submissions";
    public const string Values = "Values";
    public const string Current = "CurrentVersions";
    public const string Aggregates = "Aggregates";
    public const string Audit = "Audit";
    public const string Reopenings = "Reopenings";
    public const string Pending = "PendingConsolidations";
    public const string AccessKeys = "AccessKeys";
    public const string UploadReceipts = "UploadReceipts";
    public const string Sessions = "Sessions";

    /// <summary>Queue: the blob names the portal and `danvan submit` ask to ingest, so no container scan is needed to notice them.</summary>
    public const string IngestQueue = "ingest-requests";

    public static readonly string[] Containers = [Uploads, Archive, Feedback, Published, PortalKeys];
    public static readonly string[] Tables = [Submissions, Values, Current, Aggregates, Audit, Reopenings, Pending, AccessKeys, UploadReceipts, Sessions];
    public static readonly string[] Queues = [IngestQueue];
}
