using System.Text.Json;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

public sealed class UnitsVerbTests
{
    [Fact]
    public async Task After_1_July_2025_there_are_110_units_and_no_district()
    {
        var r = await Cli.RunAsync("units", "--at", "2025-07-01", "--json");

        Assert.Equal(ExitCodes.Done, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var units = doc.RootElement.GetProperty("units").EnumerateArray().ToArray();
        Assert.Equal(110, units.Length);
        Assert.Equal(110, doc.RootElement.GetProperty("count").GetInt32());
        Assert.DoesNotContain(units, u => u.GetProperty("level").GetString() == "HUYEN");
        Assert.Equal(units.Length, units.Select(u => u.GetProperty("code").GetString()).Distinct().Count());
        var tinhKhe = Assert.Single(units, u => u.GetProperty("code").GetString() == "21211");
        Assert.Equal("Xã Tịnh Khê", tinhKhe.GetProperty("name").GetString());
        Assert.Equal("XA", tinhKhe.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Before_the_merger_there_are_197_units()
    {
        var r = await Cli.RunAsync("units", "--at", "2025-03-01");

        Assert.Equal(ExitCodes.Done, r.ExitCode);
        Assert.StartsWith("197 đơn vị báo cáo ngày 01/03/2025", r.Out, StringComparison.Ordinal);
        Assert.Contains("13 UBND cấp huyện", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_count_before_the_merger_is_197()
    {
        var r = await Cli.RunAsync("units", "--at", "2025-03-01", "--json");

        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(197, doc.RootElement.GetProperty("units").GetArrayLength());
    }

    [Fact]
    public async Task A_date_written_as_clerks_write_it_is_accepted()
    {
        var iso = await Cli.RunAsync("units", "--at", "2025-07-01");
        var vn = await Cli.RunAsync("units", "--at", "01/07/2025");

        Assert.Equal(ExitCodes.Done, vn.ExitCode);
        Assert.StartsWith("110 đơn vị báo cáo ngày 01/07/2025", vn.Out, StringComparison.Ordinal);
        Assert.Equal(iso.Out, vn.Out);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("31/02/2025")]
    [InlineData("2025-13-01")]
    public async Task A_date_that_is_not_a_date_is_wrong_usage(string date)
    {
        var r = await Cli.RunAsync("units", "--at", date);

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("không phải là ngày", r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public async Task At_without_a_date_is_wrong_usage()
    {
        var r = await Cli.RunAsync("units", "--at");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("--at", r.Error, StringComparison.Ordinal);
    }
}
