namespace DanVan.Pipeline.Ingest;

/// <summary>Ingests one blob of the uploads container: archive, check, store, answer, audit.</summary>
public sealed class IngestService
{
    /// <summary>Path convention: <c>{unitCode}/{periodKey}/{fileName}</c> inside the uploads container.</summary>
    public Task<IngestOutcome> IngestAsync(string blobName, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}

public sealed record IngestOutcome(string SubmissionId, string State, string MessageVi);
