using DanVan.Core.Calendar;

namespace DanVan.Core.Tests.Calendar;

/// <summary>docs/reporting-rules.md §3: Decree 09 windows, names, deadlines, close dates, Vietnam time.</summary>
public sealed class ReportingCalendarTests
{
    private static readonly ReportingCalendar Calendar = ReportingCalendar.Default;

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-Q1", "Quý I năm 2025", "2024-12-15", "2025-03-14")]
    [InlineData("2025-Q2", "Quý II năm 2025", "2025-03-15", "2025-06-14")]
    [InlineData("2025-Q3", "Quý III năm 2025", "2025-06-15", "2025-09-14")]
    [InlineData("2025-Q4", "Quý IV năm 2025", "2025-09-15", "2025-12-14")]
    [InlineData("2025-H1", "6 tháng đầu năm 2025", "2024-12-15", "2025-06-14")]
    [InlineData("2025-M9", "9 tháng năm 2025", "2024-12-15", "2025-09-14")]
    [InlineData("2025-Y", "Năm 2025", "2024-12-15", "2025-12-14")]
    [InlineData("2028-Q1", "Quý I năm 2028", "2027-12-15", "2028-03-14")]
    public void Every_period_kind_has_its_Decree_09_window_and_name(string key, string name, string start, string end)
    {
        var p = Calendar.Get(PeriodKey.Parse(key));
        Assert.Equal(name, p.NameVi);
        Assert.Equal(name, ReportingCalendar.NameVi(p.Key));
        Assert.Equal(D(start), p.WindowStart);
        Assert.Equal(D(end), p.WindowEnd);
    }

    [Fact]
    public void The_year_lists_seven_periods_in_sending_order()
    {
        Assert.Equal(
            ["2025-Q1", "2025-Q2", "2025-H1", "2025-Q3", "2025-M9", "2025-Q4", "2025-Y"],
            Calendar.Year(2025).Select(p => p.Key.ToString()));
    }

    [Theory]
    [InlineData("2024-12-14", "2024-Q4")]
    [InlineData("2024-12-15", "2025-Q1")]
    [InlineData("2024-12-31", "2025-Q1")]
    [InlineData("2025-01-01", "2025-Q1")]
    [InlineData("2025-03-14", "2025-Q1")]
    [InlineData("2025-03-15", "2025-Q2")]
    [InlineData("2025-06-14", "2025-Q2")]
    [InlineData("2025-06-15", "2025-Q3")]
    [InlineData("2025-09-14", "2025-Q3")]
    [InlineData("2025-09-15", "2025-Q4")]
    [InlineData("2025-12-14", "2025-Q4")]
    [InlineData("2025-12-15", "2026-Q1")]
    [InlineData("2024-02-29", "2024-Q1")]
    public void A_date_belongs_to_the_quarter_whose_window_holds_it(string date, string quarter) =>
        Assert.Equal(quarter, Calendar.QuarterOf(D(date)).ToString());

    [Fact]
    public void Quarter_windows_tile_the_calendar_without_gap_or_overlap()
    {
        for (var d = D("2023-11-01"); d <= D("2027-02-01"); d = d.AddDays(1))
        {
            var q = Calendar.QuarterOf(d);
            var p = Calendar.Get(q);
            Assert.True(p.WindowStart <= d && d <= p.WindowEnd, $"{d} outside {q}");
            Assert.Equal(p.WindowStart, Calendar.Get(q.PreviousQuarter).WindowEnd.AddDays(1));
        }
    }

    [Theory]
    [InlineData("2024-12-14T16:59:59Z", "2024-Q4")] // 23:59:59 on 14/12 in Vietnam
    [InlineData("2024-12-14T17:00:00Z", "2025-Q1")] // 00:00 on 15/12 in Vietnam
    public void Instants_are_placed_by_their_Vietnam_date(string instant, string quarter) =>
        Assert.Equal(quarter, Calendar.QuarterOf(T(instant)).ToString());

    [Theory]
    [InlineData("2025-Q1", "2025-03-17T16:59:59Z", "2025-03-17T18:00:00Z", "2025-04-16T16:59:59Z")]
    [InlineData("2025-Q2", "2025-06-17T16:59:59Z", "2025-06-17T18:00:00Z", "2025-07-17T16:59:59Z")]
    [InlineData("2025-Q3", "2025-09-17T16:59:59Z", "2025-09-17T18:00:00Z", "2025-10-17T16:59:59Z")]
    [InlineData("2025-Q4", "2025-12-17T16:59:59Z", "2025-12-17T18:00:00Z", "2026-01-16T16:59:59Z")]
    public void Deadline_is_the_17th_at_23_59_consolidation_the_18th_at_01_00_close_30_days_later(string key, string deadline, string consolidation, string close)
    {
        var p = Calendar.Get(PeriodKey.Parse(key));
        Assert.Equal(T(deadline), p.DeadlineUtc);
        Assert.Equal(T(consolidation), p.ConsolidationUtc);
        Assert.Equal(T(close), p.CloseUtc);
        Assert.Equal(TimeSpan.Zero, p.DeadlineUtc.Offset);
        Assert.Equal(new DateTime(p.DeadlineUtc.Year, p.DeadlineUtc.Month, 17, 23, 59, 59), Calendar.ToVietnamTime(p.DeadlineUtc).DateTime);
        Assert.Equal(TimeSpan.FromHours(7), Calendar.ToVietnamTime(p.DeadlineUtc).Offset);
    }

    [Theory]
    [InlineData("2025-H1", "2025-Q2")]
    [InlineData("2025-M9", "2025-Q3")]
    [InlineData("2025-Y", "2025-Q4")]
    public void Cumulative_periods_share_the_instants_of_their_last_quarter(string cumulative, string quarter)
    {
        var c = Calendar.Get(PeriodKey.Parse(cumulative));
        var q = Calendar.Get(PeriodKey.Parse(quarter));
        Assert.Equal((q.DeadlineUtc, q.ConsolidationUtc, q.CloseUtc, q.WindowEnd), (c.DeadlineUtc, c.ConsolidationUtc, c.CloseUtc, c.WindowEnd));
    }

    [Fact]
    public void Every_deadline_leaves_at_least_one_day_after_the_window()
    {
        foreach (var p in Enumerable.Range(2019, 10).SelectMany(Calendar.Year))
        {
            Assert.True(Calendar.VietnamDate(p.DeadlineUtc).DayNumber - p.WindowEnd.DayNumber >= 2, p.Key.ToString());
            Assert.True(p.ConsolidationUtc > p.DeadlineUtc, p.Key.ToString());
        }
    }

    [Theory]
    [InlineData("2025-09-17T16:59:59Z", false)]
    [InlineData("2025-09-17T23:59:59+07:00", false)]
    [InlineData("2025-09-17T17:00:00Z", true)]
    [InlineData("2025-09-18T00:00:00+07:00", true)]
    public void A_report_after_the_deadline_is_late(string received, bool late) =>
        Assert.Equal(late, Calendar.Get(PeriodKey.Parse("2025-Q3")).IsLate(T(received)));

    [Theory]
    [InlineData("2025-10-17T16:59:59Z", false)]
    [InlineData("2025-10-17T17:00:00Z", true)]
    public void A_period_closes_30_days_after_its_deadline(string now, bool closed) =>
        Assert.Equal(closed, Calendar.Get(PeriodKey.Parse("2025-Q3")).IsClosed(T(now)));

    [Theory]
    [InlineData("2025-06-30T17:00:00Z", "2025-07-01")]
    [InlineData("2025-06-30T16:59:59Z", "2025-06-30")]
    public void Vietnam_date_is_UTC_plus_7_without_daylight_saving(string instant, string date) =>
        Assert.Equal(D(date), Calendar.VietnamDate(T(instant)));
}
