using DanVan.Integration.Tests.Reliability.Infrastructure;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>What each reliability case measured, as a row of docs/reliability.md.</summary>
public static class ReliabilityLog
{
    public static void Record(string kase, int sent, int ingested, int lost, int duplicated, int faults, double? recoverySeconds, string notes, double? peakMemoryMb = null) =>
        ReliabilityReport.Record(new ReliabilityRow(kase, sent, ingested, lost, duplicated, faults, recoverySeconds is { } r ? Math.Round(r, 1) : null, peakMemoryMb, notes));
}
