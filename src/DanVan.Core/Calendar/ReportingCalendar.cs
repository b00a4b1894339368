using System.Globalization;

namespace DanVan.Core.Calendar;

/// <summary>
/// Decree 09 periods: data windows from the 15th of the month before the period to the 14th of its
/// last month (Q1 and cumulative periods start on 15 December of the previous year), and the
/// deadlines, consolidation and close instants of the regime in force for the period.
/// </summary>
public sealed class ReportingCalendar
{
    private readonly RegimeConfig[] _regimes;

    public ReportingCalendar(RegimeConfig regime)
        : this([regime])
    {
    }

    /// <summary>Several regime versions; each applies from its <see cref="RegimeConfig.EffectiveFrom"/>.</summary>
    public ReportingCalendar(IReadOnlyList<RegimeConfig> regimes)
    {
        if (regimes.Count == 0)
        {
            throw new ArgumentException("A calendar needs at least one regime.", nameof(regimes));
        }
        _regimes = RegimeLoader.CheckOrder(regimes.OrderBy(r => r.Version).ToArray()).ToArray();
    }

    public static ReportingCalendar Default { get; } = new(RegimeLoader.LoadFromSeeds());

    /// <summary>The newest regime: the one the timers run on.</summary>
    public RegimeConfig Regime => _regimes[^1];

    public IReadOnlyList<RegimeConfig> Regimes => _regimes;

    public TimeSpan UtcOffset => TimeSpan.FromHours(Regime.UtcOffsetHours);

    public static RegimeConfig LoadRegime(string json) => RegimeLoader.Parse(json);

    /// <summary>The regime in force on a Vietnam date (the oldest one before any effectiveFrom).</summary>
    public RegimeConfig RegimeAt(DateOnly date) => _regimes.LastOrDefault(r => r.EffectiveFrom <= date) ?? _regimes[0];

    /// <summary>
    /// The regime of a period: the one in force on the first day of its last month, where its window
    /// end, deadline and consolidation fall. Cumulative periods therefore share their last quarter's.
    /// </summary>
    public RegimeConfig RegimeFor(PeriodKey key) => RegimeAt(new DateOnly(key.Year, key.Quarter * 3, 1));

    public ReportingPeriod Get(PeriodKey key)
    {
        var regime = RegimeFor(key);
        var lastMonth = key.Quarter * 3;
        var firstQuarter = key.IsCumulative ? 1 : key.Quarter;
        var startMonth = new DateOnly(key.Year, firstQuarter * 3 - 2, 1).AddMonths(-1);
        var windowStart = new DateOnly(startMonth.Year, startMonth.Month, regime.WindowStartDay);
        var windowEnd = new DateOnly(key.Year, lastMonth, regime.WindowEndDay);
        // The deadline minute is inclusive: 23:59 means until 23:59:59.
        var deadline = ToUtc(regime, new DateOnly(key.Year, lastMonth, regime.DeadlineDay), regime.DeadlineTime).AddSeconds(59);
        var consolidation = ToUtc(regime, new DateOnly(key.Year, lastMonth, regime.ConsolidationDay), regime.ConsolidationTime);
        var close = deadline.AddDays(regime.CloseAfterDays);
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
        var shifted = date.Day >= RegimeAt(date).WindowStartDay ? date.AddMonths(1) : date;
        return PeriodKey.ForQuarter(shifted.Year, (shifted.Month - 1) / 3 + 1);
    }

    /// <summary>The quarter of an instant, by its Vietnam date.</summary>
    public PeriodKey QuarterOf(DateTimeOffset instant) => QuarterOf(VietnamDate(instant));

    /// <summary>
    /// A quarter's data window has begun (Vietnam date): before it, no template is served and no report taken.
    /// With <see cref="ReportingPeriod.IsClosed"/> this bounds the quarters anyone may report for.
    /// </summary>
    public bool HasStarted(ReportingPeriod period, DateTimeOffset nowUtc) => VietnamDate(nowUtc) >= period.WindowStart;

    public DateOnly VietnamDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    public DateTimeOffset ToVietnamTime(DateTimeOffset instant) => instant.ToOffset(UtcOffset);

    /// <summary>
    /// The daily consolidation timer, 6-field NCRONTAB in UTC ("0 0 18 * * *" for 01:00 Vietnam time).
    /// It fires every day; <see cref="PeriodsDueForConsolidation"/> tells whether anything is due.
    /// </summary>
    public string ConsolidationCronUtc => DailyCronUtc(Regime.ConsolidationTime);

    /// <summary>The nightly re-consolidation timer for late and corrected reports, NCRONTAB in UTC.</summary>
    public string NightlyCronUtc => DailyCronUtc(Regime.NightlyConsolidationTime);

    /// <summary>
    /// Periods (quarters and H1, M9, Y) whose consolidation instant falls in (fromUtc, toUtc]: a timer
    /// passes its previous and current run times, so a missed run is caught up and none runs twice.
    /// </summary>
    public IReadOnlyList<PeriodKey> PeriodsDueForConsolidation(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return [];
        }
        return YearsAround(VietnamDate(fromUtc).Year - 1, VietnamDate(toUtc).Year + 1)
            .Where(p => p.ConsolidationUtc > fromUtc && p.ConsolidationUtc <= toUtc)
            .OrderBy(p => p.ConsolidationUtc)
            .Select(p => p.Key)
            .ToArray();
    }

    /// <summary>
    /// Periods whose deadline has passed and that are not yet closed: late and corrected reports can
    /// still arrive for them, so the nightly timer re-consolidates them.
    /// </summary>
    public IReadOnlyList<PeriodKey> OpenPeriods(DateTimeOffset nowUtc)
    {
        var yearsBack = _regimes.Max(r => r.CloseAfterDays) / 365 + 1;
        var year = VietnamDate(nowUtc).Year;
        return YearsAround(year - yearsBack, year)
            .Where(p => p.DeadlineUtc < nowUtc && !p.IsClosed(nowUtc))
            .Select(p => p.Key)
            .ToArray();
    }

    public static string NameVi(PeriodKey key) => key.Kind switch
    {
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"Quý {Roman(key.Quarter)} năm {key.Year}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"6 tháng đầu năm {key.Year}"),
        PeriodKind.NineMonths => string.Create(CultureInfo.InvariantCulture, $"9 tháng năm {key.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Năm {key.Year}"),
    };

    private IEnumerable<ReportingPeriod> YearsAround(int firstYear, int lastYear) =>
        Enumerable.Range(firstYear, lastYear - firstYear + 1).SelectMany(Year);

    private string DailyCronUtc(TimeOnly vietnamTime)
    {
        var minutes = ((int)(vietnamTime.ToTimeSpan() - UtcOffset).TotalMinutes % 1440 + 1440) % 1440;
        return string.Create(CultureInfo.InvariantCulture, $"0 {minutes % 60} {minutes / 60} * * *");
    }

    private static DateTimeOffset ToUtc(RegimeConfig regime, DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), TimeSpan.FromHours(regime.UtcOffsetHours)).ToUniversalTime();

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
