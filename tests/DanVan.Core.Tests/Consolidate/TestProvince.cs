using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Consolidate;

/// <summary>
/// A small province: 2 departments; before 1 July 2025 two districts with two communes each; from then on two
/// merged communes directly under the province. Helpers build reports and submissions by hand.
/// </summary>
internal sealed class TestProvince
{
    public static readonly DateOnly Since = new(2000, 1, 1);
    public static readonly DateOnly LastDayOfDistricts = new(2025, 6, 30);
    public static readonly DateOnly Merger = new(2025, 7, 1);
    public static readonly DateTimeOffset Built = new(2025, 9, 17, 18, 0, 0, TimeSpan.Zero);

    public static UnitRegistry Registry { get; } = new(
    [
        Unit("51", "Tỉnh Quảng Ngãi", UnitLevel.Tinh, Since, null, null),
        Unit("SO1", "Sở Nội vụ", UnitLevel.So, Since, null, "51"),
        Unit("SO2", "Sở Tư pháp", UnitLevel.So, Since, null, "51"),
        Unit("H1", "Huyện Sơn Tịnh", UnitLevel.Huyen, Since, LastDayOfDistricts, "51"),
        Unit("X11", "Xã Tịnh Hà", UnitLevel.Xa, Since, LastDayOfDistricts, "H1"),
        Unit("X12", "Xã Tịnh Sơn", UnitLevel.Xa, Since, LastDayOfDistricts, "H1"),
        Unit("H2", "Huyện Tư Nghĩa", UnitLevel.Huyen, Since, LastDayOfDistricts, "51"),
        Unit("X21", "Xã Nghĩa Kỳ", UnitLevel.Xa, Since, LastDayOfDistricts, "H2"),
        Unit("X22", "Thị trấn La Hà", UnitLevel.Xa, Since, LastDayOfDistricts, "H2"),
        Unit("XM1", "Xã Tịnh Khê", UnitLevel.Xa, Merger, null, "51"),
        Unit("XM2", "Phường Cẩm Thành", UnitLevel.Xa, Merger, null, "51"),
    ]);

    public static ReportingCalendar Calendar => ReportingCalendar.Default;

    public static CatalogueSet Catalogues => CatalogueSet.Default;

    public List<UnitReport> Reports { get; } = [];

    public List<SubmissionRecord> Submissions { get; } = [];

    internal static ReportingUnit Unit(string code, string name, UnitLevel level, DateOnly from, DateOnly? to, string? parent) =>
        new(code, name, level, from, to, parent is null ? [] : [new ParentSpan(parent, from, to)], []);

    public static PeriodKey Q(int year, int quarter) => PeriodKey.ForQuarter(year, quarter);

    /// <summary>The deadline of a quarter plus or minus some hours.</summary>
    public static DateTimeOffset AroundDeadline(PeriodKey quarter, double hours) =>
        Calendar.Get(quarter).DeadlineUtc.AddHours(hours);

    /// <summary>An accepted, on-time report (unless <paramref name="received"/> says otherwise) with its submission.</summary>
    public TestProvince Report(
        string unit, PeriodKey quarter, IReadOnlyDictionary<string, long?> numbers,
        IReadOnlyDictionary<string, string>? texts = null, int version = 1, DateTimeOffset? received = null, bool withSubmission = true)
    {
        var at = received ?? AroundDeadline(quarter, -48);
        var id = $"{quarter}/{unit}/v{version}";
        var hash = $"sha256-{unit}-{quarter}-{version}";
        Reports.RemoveAll(r => r.UnitCode == unit && r.Quarter == quarter);
        var late = at > Calendar.Get(quarter).DeadlineUtc;
        Reports.Add(new UnitReport(unit, quarter, version, 1, id, hash, at, late, numbers, texts ?? new Dictionary<string, string>()));
        if (withSubmission)
        {
            Submissions.Add(new SubmissionRecord(id, quarter, unit, version, SubmissionOutcome.Accepted, at, late, hash, $"{unit}.xlsx", 0, 0, null, true));
        }
        return this;
    }

    public TestProvince Submission(string unit, PeriodKey quarter, int version, DateTimeOffset at, SubmissionOutcome outcome)
    {
        Submissions.Add(new SubmissionRecord(
            $"{quarter}/{unit}/v{version}-{outcome}", quarter, unit, version, outcome, at,
            at > Calendar.Get(quarter).DeadlineUtc, $"h{version}", $"{unit}.xlsx", outcome == SubmissionOutcome.Rejected ? 1 : 0, 0, null, false));
        return this;
    }

    public ConsolidationInput Input(PeriodKey period, DateTimeOffset? built = null) =>
        new(Calendar.Get(period), Registry, Calendar, Catalogues, Reports.ToArray(), Submissions.ToArray(), built ?? Built, "test-1.0");

    public ConsolidationResult Consolidate(PeriodKey period, DateTimeOffset? built = null) => Consolidator.Consolidate(Input(period, built));

    public static Dictionary<string, long?> N(params (string Code, long? Value)[] values) =>
        values.ToDictionary(v => v.Code, v => v.Value, StringComparer.Ordinal);
}

internal static class ResultExtensions
{
    public static AggregateRow Agg(this ConsolidationResult r, string scope, string code) =>
        r.Aggregates.Single(a => a.Scope == scope && a.IndicatorCode == code);

    public static decimal? Value(this ConsolidationResult r, string scope, string code) => r.Agg(scope, code).Value;

    public static decimal? UnitValue(this ConsolidationResult r, string unit, string code)
    {
        var index = r.NumericIndicators.Select((i, n) => (i.Code, n)).Single(x => x.Code == code).n;
        return r.Units.Single(u => u.Code == unit).Values[index];
    }

    public static Completeness CompletenessOf(this ConsolidationResult r, string scope) =>
        r.CompletenessByScope.Single(s => s.Scope == scope).Completeness;
}
