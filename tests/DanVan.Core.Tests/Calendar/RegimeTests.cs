using DanVan.Core.Calendar;

namespace DanVan.Core.Tests.Calendar;

/// <summary>The regime is versioned data: assumed deadlines, consolidation and close offsets can change without a release.</summary>
public sealed class RegimeTests
{
    internal const string V1 = """
        { "version": 1, "effectiveFrom": "2019-01-01", "utcOffsetHours": 7, "windowStartDay": 15, "windowEndDay": 14,
          "deadlineDay": 17, "deadlineTime": "23:59", "consolidationDay": 18, "consolidationTime": "01:00",
          "nightlyConsolidationTime": "02:30", "closeAfterDays": 30 }
        """;

    internal static string With(string field, string value) =>
        System.Text.RegularExpressions.Regex.Replace(V1, $"\"{field}\": [^,}}]+", $"\"{field}\": {value}");

    [Fact]
    public void The_seeded_regime_holds_the_spec_defaults()
    {
        var r = ReportingCalendar.Default.Regime;
        Assert.Equal(
            (1, 7, 15, 14, 17, new TimeOnly(23, 59), 18, new TimeOnly(1, 0), 30),
            (r.Version, r.UtcOffsetHours, r.WindowStartDay, r.WindowEndDay, r.DeadlineDay, r.DeadlineTime, r.ConsolidationDay, r.ConsolidationTime, r.CloseAfterDays));
        Assert.Contains("Decree 09", r.Source);
        Assert.Equal(r, RegimeLoader.Parse(V1) with { Source = r.Source });
    }

    [Fact]
    public void Deadlines_and_close_dates_come_from_the_regime()
    {
        var regime = RegimeLoader.Parse(V1) with { DeadlineDay = 20, ConsolidationDay = 21, CloseAfterDays = 10 };
        var p = new ReportingCalendar(regime).Get(PeriodKey.Parse("2025-Q3"));
        Assert.Equal(DateTimeOffset.Parse("2025-09-20T16:59:59Z", System.Globalization.CultureInfo.InvariantCulture), p.DeadlineUtc);
        Assert.Equal(DateTimeOffset.Parse("2025-09-20T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), p.ConsolidationUtc);
        Assert.Equal(p.DeadlineUtc.AddDays(10), p.CloseUtc);
    }

    [Fact]
    public void A_later_regime_version_applies_from_its_effective_date_only()
    {
        var v2 = RegimeLoader.Parse(With("version", "2").Replace("2019-01-01", "2026-01-01")) with { DeadlineDay = 20, ConsolidationDay = 21 };
        var calendar = new ReportingCalendar([RegimeLoader.Parse(V1), v2]);
        Assert.Equal(2, calendar.Regime.Version);
        Assert.Equal(17, calendar.ToVietnamTime(calendar.Get(PeriodKey.Parse("2025-Y")).DeadlineUtc).Day);
        Assert.Equal(17, calendar.ToVietnamTime(calendar.Get(PeriodKey.Parse("2025-Q4")).DeadlineUtc).Day);
        Assert.Equal(20, calendar.ToVietnamTime(calendar.Get(PeriodKey.Parse("2026-Q1")).DeadlineUtc).Day);
        Assert.Equal(1, calendar.RegimeAt(new DateOnly(2025, 12, 31)).Version);
        Assert.Equal(1, calendar.RegimeAt(new DateOnly(2010, 1, 1)).Version);
    }

    [Theory]
    [InlineData("windowStartDay", "16")]          // windows would leave a gap
    [InlineData("windowEndDay", "28")]
    [InlineData("deadlineDay", "15")]             // no working day between window end and deadline
    [InlineData("deadlineDay", "30")]             // not every month has it
    [InlineData("consolidationDay", "16")]        // before the deadline
    [InlineData("closeAfterDays", "-1")]
    [InlineData("deadlineTime", "\"25:00\"")]
    public void Regimes_that_break_Decree_09_invariants_are_refused(string field, string value) =>
        Assert.ThrowsAny<FormatException>(() => RegimeLoader.Parse(With(field, value)));

    [Fact]
    public void A_regime_without_a_field_or_out_of_order_is_refused()
    {
        Assert.Throws<FormatException>(() => RegimeLoader.Parse(V1.Replace("\"closeAfterDays\": 30", "\"x\": 1")));
        Assert.Throws<FormatException>(() => RegimeLoader.Parse("{ not json"));
        var v1 = RegimeLoader.Parse(V1);
        Assert.Throws<FormatException>(() => new ReportingCalendar([v1, v1 with { Version = 2 }]));
    }

    [Fact]
    public void A_different_window_day_moves_every_window()
    {
        var calendar = new ReportingCalendar(RegimeLoader.Parse(V1) with { WindowEndDay = 19, WindowStartDay = 20, DeadlineDay = 22, ConsolidationDay = 23 });
        var q1 = calendar.Get(PeriodKey.Parse("2025-Q1"));
        Assert.Equal((new DateOnly(2024, 12, 20), new DateOnly(2025, 3, 19)), (q1.WindowStart, q1.WindowEnd));
        Assert.Equal("2025-Q1", calendar.QuarterOf(new DateOnly(2024, 12, 20)).ToString());
        Assert.Equal("2024-Q4", calendar.QuarterOf(new DateOnly(2024, 12, 19)).ToString());
    }
}
