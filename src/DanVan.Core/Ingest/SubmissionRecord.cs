using DanVan.Core.Calendar;

namespace DanVan.Core.Ingest;

/// <summary>One upload as the Submissions table keeps it.</summary>
public sealed record SubmissionRecord(
    string Id,
    PeriodKey Period,
    string UnitCode,
    int Version,
    SubmissionOutcome Outcome,
    DateTimeOffset ReceivedUtc,
    bool Late,
    string ContentHash,
    string FileName,
    int Errors,
    int Warnings,
    string? SummaryVi,
    bool IsCurrent);
