namespace DanVan.Core.Ingest;

/// <summary>The uploader's own workbook with the problem cells marked, plus a sheet listing every problem.</summary>
public static class FeedbackWorkbook
{
    // Filled by the ingestion issue (#4).
    public static void Write(Stream original, string fileName, CheckResult result, Stream output) =>
        throw new NotImplementedException();
}
