using System.Text.Json;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

public sealed class TemplateCheckVerbTests : IDisposable
{
    private static readonly string[] Statuses = ["accepted", "accepted_with_warnings", "rejected"];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("danvan-host-tests-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public async Task Template_writes_the_units_workbook()
    {
        var file = PathOf("tinh-khe.xlsx");

        var r = await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", file);

        Assert.True(r.ExitCode == ExitCodes.Done, r.ToString());
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.Length > 1000, $"template is {bytes.Length} bytes");
        Assert.Equal("PK"u8.ToArray(), bytes[..2]); // an OOXML package is a zip
        Assert.Contains("Xã Tịnh Khê", r.Out, StringComparison.Ordinal);
        Assert.Contains("Quý IV năm 2026", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-H1")]
    [InlineData("2026-Y")]
    public async Task Cumulative_periods_have_no_template_they_are_computed_from_quarters(string period)
    {
        var file = PathOf("cumulative.xlsx");

        var r = await Cli.RunAsync("template", "--unit", "21211", "--period", period, "-o", file);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("tự tổng hợp từ các quý", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Theory]
    [InlineData("99999")] // no such unit
    [InlineData("51")] // the province consolidates, it does not report
    public async Task Template_for_a_unit_that_does_not_report_is_refused_and_writes_nothing(string unit)
    {
        var file = PathOf("none.xlsx");

        var r = await Cli.RunAsync("template", "--unit", unit, "--period", "2026-Q4", "-o", file);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.False(File.Exists(file));
        Assert.NotEmpty(r.Error);
    }

    [Theory]
    [InlineData("2031-Q2")]
    [InlineData("2100-Q1")]
    public async Task Template_for_a_quarter_whose_window_has_not_started_is_refused(string period)
    {
        var file = PathOf("future.xlsx");

        var r = await Cli.RunAsync("template", "--unit", "21211", "--period", period, "-o", file);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Chưa đến kỳ báo cáo", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    /// <summary>An output path in a folder that does not exist is the operator's mistake, not a crash.</summary>
    [Fact]
    public async Task Template_into_a_missing_folder_is_refused_with_a_Vietnamese_message()
    {
        var file = Path.Combine(_dir.FullName, "no-such-folder", "x.xlsx");

        var r = await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", file);

        Assert.True(r.ExitCode is ExitCodes.Refused or ExitCodes.Usage, r.ToString());
        Assert.Contains("no-such-folder", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unit", "21211", "--period", "2026-Q4")]
    [InlineData("--unit", "21211", "-o", "x.xlsx")]
    [InlineData("--period", "2026-Q4", "-o", "x.xlsx")]
    [InlineData("--unit", "21211", "--period", "2026-Q9", "-o", "x.xlsx")]
    public async Task Template_without_unit_period_or_output_is_wrong_usage(params string[] args)
    {
        var r = await Cli.RunAsync(["template", .. args]);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.Contains("Cách dùng: danvan template", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_json_of_a_blank_template_names_the_unit_period_and_every_problem()
    {
        var file = PathOf("blank.xlsx");
        Assert.Equal(ExitCodes.Done, (await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", file)).ExitCode);

        var r = await Cli.RunAsync("check", file, "--json");

        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var status = root.GetProperty("status").GetString();
        Assert.Contains(status, Statuses);
        Assert.Equal(status == "rejected" ? ExitCodes.Refused : ExitCodes.Done, r.ExitCode);
        Assert.Equal("21211", root.GetProperty("unit").GetString());
        Assert.Equal("2026-Q4", root.GetProperty("period").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("templateVersion").ValueKind);
        var problems = root.GetProperty("problems");
        Assert.Equal(JsonValueKind.Array, problems.ValueKind);
        // Blank is "not reported", never silently 0: the clerk is told about the empty inputs.
        Assert.NotEqual(0, problems.GetArrayLength());
        foreach (var p in problems.EnumerateArray())
        {
            Assert.Contains(p.GetProperty("severity").GetString(), new[] { "error", "warning" });
            foreach (var key in new[] { "sheet", "cell", "indicator", "message" })
            {
                Assert.True(p.TryGetProperty(key, out _), $"problem without '{key}': {p}");
            }
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("message").GetString()));
        }
    }

    [Fact]
    public async Task Check_of_a_file_that_is_not_a_spreadsheet_is_refused()
    {
        var file = PathOf("bao-cao.xlsx");
        await File.WriteAllTextAsync(file, "Đây không phải là sổ làm việc Excel.");

        var r = await Cli.RunAsync("check", file, "--json");

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("rejected", doc.RootElement.GetProperty("status").GetString());
        var problem = Assert.Single(doc.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("error", problem.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Check_of_a_non_spreadsheet_in_human_form_says_rejected_in_Vietnamese()
    {
        var file = PathOf("notes.txt");
        await File.WriteAllTextAsync(file, "hello");

        var r = await Cli.RunAsync("check", file);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Kết quả:", r.Out, StringComparison.Ordinal);
        Assert.Contains("Lỗi", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_as_another_unit_is_refused()
    {
        var file = PathOf("blank.xlsx");
        Assert.Equal(ExitCodes.Done, (await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", file)).ExitCode);

        var r = await Cli.RunAsync("check", file, "--unit", "SO-NOIVU", "--json");

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("rejected", doc.RootElement.GetProperty("status").GetString());
        Assert.Contains(doc.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task Check_of_a_missing_file_or_a_bad_period_is_wrong_usage()
    {
        var missing = await Cli.RunAsync("check", PathOf("nope.xlsx"));
        await File.WriteAllTextAsync(PathOf("x.xlsx"), "x");
        var badPeriod = await Cli.RunAsync("check", PathOf("x.xlsx"), "--period", "2026-Q9");
        var none = await Cli.RunAsync("check");

        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Equal(ExitCodes.Usage, badPeriod.ExitCode);
        Assert.Equal(ExitCodes.Usage, none.ExitCode);
    }
}
