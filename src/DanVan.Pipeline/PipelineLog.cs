using DanVan.Pipeline.Consolidate;
using Microsoft.Extensions.Logging;

namespace DanVan.Pipeline;

/// <summary>
/// The pipeline's log events, one definition each, so both hosts write the same structured events (English;
/// event ids are stable for queries in Application Insights).
/// </summary>
public static partial class PipelineLog
{
    // Each upload reaches ingestion up to three times (queue, blob trigger, reconciliation): the deliveries are
    // debug detail; the one line a person reads is UploadEnded.
    [LoggerMessage(1001, LogLevel.Debug, "Upload {BlobName} arrived")]
    public static partial void UploadArrived(this ILogger logger, string blobName);

    [LoggerMessage(1002, LogLevel.Debug, "Upload {BlobName} ingested as submission {SubmissionId} with state {State}")]
    public static partial void UploadIngested(this ILogger logger, string blobName, string submissionId, string state);

    [LoggerMessage(1003, LogLevel.Information, "Upload {BlobName} repeats submission {SubmissionId} ({State}); nothing changes")]
    public static partial void UploadRepeated(this ILogger logger, string blobName, string submissionId, string state);

    [LoggerMessage(1004, LogLevel.Error, "Upload {BlobName} failed {Attempts} times; marked as system error")]
    public static partial void UploadFailed(this ILogger logger, Exception exception, string blobName, int attempts);

    [LoggerMessage(1005, LogLevel.Information, "Upload {BlobName} ended {State} with {Errors} errors and {Warnings} warnings (version {Version})")]
    public static partial void UploadEnded(this ILogger logger, string blobName, string state, int errors, int warnings, int version);

    [LoggerMessage(1006, LogLevel.Debug, "Upload {BlobName} is being ingested by {Worker}; this delivery does nothing")]
    public static partial void UploadInProgress(this ILogger logger, string blobName, string? worker);

    [LoggerMessage(1007, LogLevel.Warning, "Upload {BlobName} taken over from {Worker} (attempt {Attempt})")]
    public static partial void UploadTakenOver(this ILogger logger, string blobName, string? worker, int attempt);

    [LoggerMessage(1008, LogLevel.Warning, "Upload {BlobName} lost its claim to another worker; this attempt stops")]
    public static partial void UploadClaimLost(this ILogger logger, string blobName);

    [LoggerMessage(1009, LogLevel.Information, "Reconciliation found {Missing} of {Seen} uploads without an answer; ingested {Ingested}")]
    public static partial void Reconciled(this ILogger logger, int missing, int seen, int ingested);

    /// <summary>Debug: the pending timer fires every few seconds in the self-host; a run that did something says so.</summary>
    [LoggerMessage(2001, LogLevel.Debug, "Timer {Function} fired at {NowUtc} (past due: {IsPastDue})")]
    public static partial void TimerFired(this ILogger logger, string function, DateTimeOffset nowUtc, bool isPastDue);

    /// <summary>Information when periods were consolidated, debug when there was nothing to do.</summary>
    public static void TimerDone(this ILogger logger, string function, IReadOnlyList<PublishOutcome> published) =>
        logger.TimerDone(published.Count > 0 ? LogLevel.Information : LogLevel.Debug, function, published.Count, published.Count(p => p.Changed));

    [LoggerMessage(EventId = 2002, Message = "Timer {Function} done: {Count} period(s) consolidated, {Changed} with a new workbook")]
    private static partial void TimerDone(this ILogger logger, LogLevel level, string function, int count, int changed);

    [LoggerMessage(2090, LogLevel.Information, "Timer {Function}: {Count} reminder occasion(s) due: {Due}")]
    public static partial void RemindersDue(this ILogger logger, string function, int count, string due);

    [LoggerMessage(2003, LogLevel.Information, "Scheduled consolidation ({Reason}) for {Count} periods: {Periods}")]
    public static partial void ScheduledRun(this ILogger logger, string reason, int count, string periods);

    [LoggerMessage(2004, LogLevel.Information, "Consolidated {Period}: {Received}/{Expected} reports, workbook version {Version} (changed: {Changed})")]
    public static partial void Consolidated(this ILogger logger, string period, int received, int expected, int version, bool changed);
}
