using System.Globalization;
using System.Text.Json;

namespace DanVan.Core.Calendar;

/// <summary>
/// Decree 09 periods: data windows from the 15th of the month before the period to the 14th of its
/// last month (Q1 and cumulative periods start on 15 December of the previous year), and the
/// deadlines, consolidation and close instants of the regime.
/// </summary>
public sealed class ReportingCalendar(RegimeConfig regime)
{
    public RegimeConfig Regime { get; } = regime;

    public TimeSpan UtcOffset => TimeSpan.FromHours(Regime.UtcOffsetHours);

    public static ReportingCalendar Default { get; } = new(LoadRegime(Seeds.ReadText("regime/regime-v1.json")));

    public static RegimeConfig LoadRegime(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        static TimeOnly Time(JsonElement e, string name) => TimeOnly.ParseExact(e.GetProperty(name).GetString()!, "HH:mm", CultureInfo.InvariantCulture);
        return new RegimeConfig(
            r.GetProperty("version").GetInt32(),
            DateOnly.ParseExact(r.GetProperty("effectiveFrom").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.GetProperty("utcOffsetHours").GetInt32(),
            r.GetProperty("windowStartDay").GetInt32(),
            r.GetProperty("windowEndDay").GetInt32(),
            r.GetProperty("deadlineDay").GetInt32(),
            Time(r, "deadlineTime"),
            r.GetProperty("consolidationDay").GetInt32(),
            Time(r, "consolidationTime"),
            Time(r, "nightlyConsolidationTime"),
            r.GetProperty("closeAfterDays").GetInt32());
    }

    public ReportingPeriod Get(PeriodKey key)
    {
        var lastMonth = key.Quarter * 3;
        var firstQuarter = key.IsCumulative ? 1 : key.Quarter;
        var startMonth = new DateOnly(key.Year, firstQuarter * 3 - 2, 1).AddMonths(-1);
        var windowStart = new DateOnly(startMonth.Year, startMonth.Month, Regime.WindowStartDay);
        var windowEnd = new DateOnly(key.Year, lastMonth, Regime.WindowEndDay);
        var deadline = ToUtc(new DateOnly(key.Year, lastMonth, Regime.DeadlineDay), Regime.DeadlineTime).AddSeconds(59);
        var consolidation = ToUtc(new DateOnly(key.Year, lastMonth, Regime.ConsolidationDay), Regime.ConsolidationTime);
        var close = deadline.AddDays(Regime.CloseAfterDays);
        return new ReportingPeriod(key, NameVi(key), windowStart, windowEnd, deadline, consolidation, close);
    }

    /// <summary>The year's periods in the order the consolidator sends them: Q1, Q2, H1, Q3, M9, Q4, Y.</summary>
    public IReadOnlyList<ReportingPeriod> Year(int year) =>
    [
        Get(PeriodKey.ForQuarter(year, 1)),
        Get(PeriodKey.ForQuarter(year, 2)),
        Get(PeriodKey.Cumulative(year, PeriodKind.HalfYear)),
        Get(PeriodKey.ForQuarter(year, 3)),
        Get(PeriodKey.Cumulative(year, PeriodKind.NineMonths)),
        Get(PeriodKey.ForQuarter(year, 4)),
        Get(PeriodKey.Cumulative(year, PeriodKind.Year)),
    ];

    /// <summary>The quarter whose data window holds this Vietnam date (15–31 December is next year's Q1).</summary>
    public PeriodKey QuarterOf(DateOnly date)
    {
        var shifted = date.Day >= Regime.WindowStartDay ? date.AddMonths(1) : date;
        return PeriodKey.ForQuarter(shifted.Year, (shifted.Month - 1) / 3 + 1);
    }

    public DateOnly VietnamDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    public DateTimeOffset ToVietnamTime(DateTimeOffset instant) => instant.ToOffset(UtcOffset);

    private DateTimeOffset ToUtc(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), UtcOffset).ToUniversalTime();

    public static string NameVi(PeriodKey key) => key.Kind switch
    {
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"Quý {Roman(key.Quarter)} năm {key.Year}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"6 tháng đầu năm {key.Year}"),
        PeriodKind.NineMonths => string.Create(CultureInfo.InvariantCulture, $"9 tháng năm {key.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Năm {key.Year}"),
    };

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
