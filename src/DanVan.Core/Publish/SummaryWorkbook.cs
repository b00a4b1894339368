using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>The consolidated workbook leaders download.</summary>
public static class SummaryWorkbook
{
    // Filled by the consolidation issue (#5).
    public static void Write(ConsolidationResult result, Stream output) => throw new NotImplementedException();
}
