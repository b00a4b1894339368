namespace DanVan.Core.Consolidate;

/// <summary>Pure consolidation of one period; idempotent by construction.</summary>
public static class Consolidator
{
    // Filled by the consolidation issue (#5).
    public static ConsolidationResult Consolidate(ConsolidationInput input) => throw new NotImplementedException();
}
