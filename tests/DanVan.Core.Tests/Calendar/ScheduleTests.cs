using System.Globalization;
using DanVan.Core.Calendar;

namespace DanVan.Core.Tests.Calendar;

/// <summary>Timer schedules derived from the regime: one daily consolidation timer and a nightly one.</summary>
public sealed class ScheduleTests
{
    private static readonly ReportingCalendar Calendar = ReportingCalendar.Default;

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static string Keys(IEnumerable<PeriodKey> keys) => string.Join(',', keys);

    [Fact]
    public void Cron_expressions_are_the_regime_times_in_UTC()
    {
        Assert.Equal("0 0 18 * * *", Calendar.ConsolidationCronUtc);
        Assert.Equal("0 30 19 * * *", Calendar.NightlyCronUtc);
    }

    [Theory]
    [InlineData("06:30", "0 30 23 * * *")]
    [InlineData("08:15", "0 15 1 * * *")]
    [InlineData("07:00", "0 0 0 * * *")]
    public void Cron_wraps_across_midnight(string vietnamTime, string cron)
    {
        var regime = RegimeLoader.Parse(RegimeTests.V1) with { ConsolidationTime = TimeOnly.Parse(vietnamTime, CultureInfo.InvariantCulture) };
        Assert.Equal(cron, new ReportingCalendar(regime).ConsolidationCronUtc);
    }

    [Theory]
    [InlineData("2025-03-16T18:00:00Z", "2025-03-17T18:00:00Z", "2025-Q1")]
    [InlineData("2025-06-16T18:00:00Z", "2025-06-17T18:00:00Z", "2025-Q2,2025-H1")]
    [InlineData("2025-09-16T18:00:00Z", "2025-09-17T18:00:00Z", "2025-Q3,2025-M9")]
    [InlineData("2025-12-16T18:00:00Z", "2025-12-17T18:00:00Z", "2025-Q4,2025-Y")]
    [InlineData("2025-09-17T18:00:00Z", "2025-09-18T18:00:00Z", "")]              // (from, to]: never twice
    [InlineData("2025-09-17T17:59:59Z", "2025-09-17T18:00:00Z", "2025-Q3,2025-M9")]
    [InlineData("2025-09-15T18:00:00Z", "2025-09-16T18:00:00Z", "")]
    [InlineData("2025-09-18T00:00:00Z", "2025-09-17T00:00:00Z", "")]
    public void Periods_due_are_those_whose_consolidation_instant_falls_in_the_interval(string from, string to, string expected) =>
        Assert.Equal(expected, Keys(Calendar.PeriodsDueForConsolidation(T(from), T(to))));

    [Fact]
    public void A_daily_timer_consolidates_every_period_of_the_year_exactly_once()
    {
        var due = new List<PeriodKey>();
        var previous = T("2024-12-31T18:00:00Z");
        for (var run = previous.AddDays(1); run <= T("2025-12-31T18:00:00Z"); run = run.AddDays(1))
        {
            due.AddRange(Calendar.PeriodsDueForConsolidation(previous, run));
            previous = run;
        }
        Assert.Equal("2025-Q1,2025-Q2,2025-H1,2025-Q3,2025-M9,2025-Q4,2025-Y", Keys(due));
    }

    [Fact]
    public void A_missed_run_is_caught_up()
    {
        Assert.Equal("2025-Q1,2025-Q2,2025-H1", Keys(Calendar.PeriodsDueForConsolidation(T("2025-01-01T00:00:00Z"), T("2025-07-01T00:00:00Z"))));
    }

    [Theory]
    [InlineData("2025-09-17T16:00:00Z", "")]                          // Q3 deadline not passed, Q2 closed on 17/07
    [InlineData("2025-09-18T00:00:00Z", "2025-Q3,2025-M9")]
    [InlineData("2025-10-17T16:59:59Z", "2025-Q3,2025-M9")]
    [InlineData("2025-10-17T17:00:00Z", "")]
    [InlineData("2026-01-01T00:00:00Z", "2025-Q4,2025-Y")]            // across the year boundary
    [InlineData("2025-07-01T00:00:00Z", "2025-Q2,2025-H1")]
    public void Open_periods_are_past_their_deadline_and_not_closed(string now, string expected) =>
        Assert.Equal(expected, Keys(Calendar.OpenPeriods(T(now))));
}
