using System.Text.Json;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

public sealed class CalendarVerbTests
{
    [Fact]
    public async Task Human_output_names_the_quarter_its_data_window_and_deadline()
    {
        var r = await Cli.RunAsync("calendar", "2025");

        Assert.Equal(ExitCodes.Done, r.ExitCode);
        Assert.Empty(r.Error);
        var q3 = Section(r.Out, "Quý III năm 2025");
        Assert.Contains("15/06/2025", q3, StringComparison.Ordinal);
        Assert.Contains("14/09/2025", q3, StringComparison.Ordinal);
        Assert.Contains("Hạn gửi báo cáo:        23:59 ngày 17/09/2025", q3, StringComparison.Ordinal);
        foreach (var name in new[] { "Quý I năm 2025", "Quý II năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Quý IV năm 2025" })
        {
            Assert.Contains(name, r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_output_has_the_seven_periods_with_their_windows()
    {
        var r = await Cli.RunAsync("calendar", "2025", "--json");

        Assert.Equal(ExitCodes.Done, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(2025, root.GetProperty("year").GetInt32());
        var periods = root.GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(7, periods.Length);
        Assert.Equal(
            new[] { "2025-Q1", "2025-Q2", "2025-H1", "2025-Q3", "2025-M9", "2025-Q4", "2025-Y" },
            periods.Select(p => p.GetProperty("key").GetString()!));

        var expected = new Dictionary<string, (string Start, string End, string Deadline)>
        {
            ["2025-Q1"] = ("2024-12-15", "2025-03-14", "2025-03-17"),
            ["2025-Q2"] = ("2025-03-15", "2025-06-14", "2025-06-17"),
            ["2025-H1"] = ("2024-12-15", "2025-06-14", "2025-06-17"),
            ["2025-Q3"] = ("2025-06-15", "2025-09-14", "2025-09-17"),
            ["2025-M9"] = ("2024-12-15", "2025-09-14", "2025-09-17"),
            ["2025-Q4"] = ("2025-09-15", "2025-12-14", "2025-12-17"),
            ["2025-Y"] = ("2024-12-15", "2025-12-14", "2025-12-17"),
        };
        foreach (var p in periods)
        {
            var key = p.GetProperty("key").GetString()!;
            foreach (var property in new[] { "nameVi", "kind", "cumulative", "quarters", "windowStart", "windowEnd", "deadline", "deadlineUtc", "close", "closeUtc" })
            {
                Assert.True(p.TryGetProperty(property, out _), $"{key} has no '{property}'");
            }
            var (start, end, deadline) = expected[key];
            Assert.Equal(start, p.GetProperty("windowStart").GetString());
            Assert.Equal(end, p.GetProperty("windowEnd").GetString());
            var due = p.GetProperty("deadline").GetDateTimeOffset();
            Assert.Equal(deadline, due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(TimeSpan.FromHours(7), due.Offset);
            Assert.Equal(due, p.GetProperty("deadlineUtc").GetDateTimeOffset());
            Assert.Equal(!key.Contains('Q', StringComparison.Ordinal), p.GetProperty("cumulative").GetBoolean());
        }
        var q3 = periods.Single(p => p.GetProperty("key").GetString() == "2025-Q3");
        Assert.Equal("Quý III năm 2025", q3.GetProperty("nameVi").GetString());
        Assert.Equal(new[] { "2025-Q1", "2025-Q2", "2025-Q3" },
            periods.Single(p => p.GetProperty("key").GetString() == "2025-M9").GetProperty("quarters").EnumerateArray().Select(q => q.GetString()!));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("-2025")]
    public async Task A_year_that_is_not_a_year_is_wrong_usage(string year)
    {
        var r = await Cli.RunAsync("calendar", year);

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("không phải là năm", r.Error, StringComparison.Ordinal);
        Assert.Contains("Cách dùng: danvan calendar", r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public async Task Missing_year_and_unknown_option_are_wrong_usage()
    {
        Assert.Equal(ExitCodes.Usage, (await Cli.RunAsync("calendar")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await Cli.RunAsync("calendar", "2025", "--csv")).ExitCode);
    }

    private static string Section(string text, string heading)
    {
        var start = text.IndexOf(heading + " (", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section '{heading}' in:\n{text}");
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }
}
