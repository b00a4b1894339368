using DanVan.Core.Calendar;

namespace DanVan.Core.Consolidate;

/// <summary>Current reports by quarter and canonical unit code (the registry's spelling, compared ordinally).</summary>
internal sealed class ReportIndex
{
    private readonly Dictionary<PeriodKey, Dictionary<string, UnitReport>> _byQuarter = [];

    public ReportIndex(IEnumerable<UnitReport> reports, CanonicalCodes codes)
    {
        foreach (var report in reports)
        {
            if (!_byQuarter.TryGetValue(report.Quarter, out var units))
            {
                units = new Dictionary<string, UnitReport>(StringComparer.Ordinal);
                _byQuarter[report.Quarter] = units;
            }
            var code = codes.Of(report.UnitCode);
            // Should the pipeline hand over two "current" reports, the higher version wins: same input, same result.
            if (!units.TryGetValue(code, out var existing) || Newer(report, existing))
            {
                units[code] = report;
            }
        }
    }

    public UnitReport? Get(PeriodKey quarter, string unitCode) =>
        _byQuarter.TryGetValue(quarter, out var units) && units.TryGetValue(unitCode, out var r) ? r : null;

    private static bool Newer(UnitReport a, UnitReport b) =>
        a.Version != b.Version ? a.Version > b.Version : string.CompareOrdinal(a.SubmissionId, b.SubmissionId) > 0;
}
