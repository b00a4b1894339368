using DanVan.Core.Ingest;

namespace DanVan.Pipeline.Ingest;

/// <summary>The answer to one upload, as the uploader reads it.</summary>
public sealed record IngestOutcome(
    string Period,
    string SubmissionId,
    SubmissionOutcome State,
    bool AlreadyReceived,
    int Version,
    string MessageVi,
    string? FeedbackBlob);
