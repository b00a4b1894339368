namespace DanVan.Core.Ingest;

/// <summary>Reads and validates one uploaded file; never throws for a bad file, always answers.</summary>
public static class ReportChecker
{
    // Filled by the ingestion issue (#4).
    public static CheckResult Check(Stream file, string fileName, CheckContext context) =>
        throw new NotImplementedException();
}
