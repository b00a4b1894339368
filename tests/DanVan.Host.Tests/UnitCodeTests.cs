using System.Text.Json;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

/// <summary>
/// A unit code typed by a person is replaced by the registry's code, or refused (exit 1) before anything is
/// written: "so-vpub" and "SO-VPUB" are one unit. Verbs that need storage refuse an unknown unit before touching it,
/// so a connection string that points nowhere is enough here; their canonical success paths run against Azurite
/// in DanVan.Integration.Tests (Cli/StorageVerbsTests).
/// </summary>
public sealed class UnitCodeTests : IDisposable
{
    // Parses as a connection string; nothing listens there, and nothing may be asked.
    private const string Nowhere = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("danvan-units-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Theory]
    [InlineData("so-vpub")]
    [InlineData(" So-VpUb ")]
    public async Task Template_writes_the_registry_code_whatever_case_was_typed(string typed)
    {
        var file = PathOf("vpub.xlsx");

        var made = await Cli.RunAsync("template", "--unit", typed, "--period", "2026-Q4", "-o", file);
        var checkedAs = await Cli.RunAsync("check", file, "--json");

        Assert.True(made.ExitCode == ExitCodes.Done, made.ToString());
        Assert.Contains("(SO-VPUB)", made.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(checkedAs.Out);
        Assert.Equal("SO-VPUB", doc.RootElement.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Check_as_the_same_unit_in_another_case_is_not_another_unit()
    {
        var file = PathOf("vpub.xlsx");
        Assert.Equal(ExitCodes.Done, (await Cli.RunAsync("template", "--unit", "SO-VPUB", "--period", "2026-Q4", "-o", file)).ExitCode);

        var lower = await Cli.RunAsync("check", file, "--unit", "so-vpub", "--period", "2026-Q4", "--json");
        var upper = await Cli.RunAsync("check", file, "--unit", "SO-VPUB", "--period", "2026-Q4", "--json");

        Assert.Equal(upper.ExitCode, lower.ExitCode);
        Assert.Equal(upper.Out, lower.Out);
    }

    [Fact]
    public async Task Check_as_an_unknown_unit_is_refused_in_Vietnamese()
    {
        var file = PathOf("x.xlsx");
        await File.WriteAllTextAsync(file, "x");

        var r = await Cli.RunAsync("check", file, "--unit", "so-khongco", "--period", "2026-Q4");

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Không có đơn vị báo cáo mã 'so-khongco' trong kỳ Quý IV năm 2026", r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public async Task Template_for_an_unknown_unit_is_refused_and_names_it()
    {
        var r = await Cli.RunAsync("template", "--unit", "so-khongco", "--period", "2026-Q4", "-o", PathOf("n.xlsx"));

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Không có đơn vị báo cáo mã 'so-khongco'", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("n.xlsx")));
    }

    /// <summary>A code valid only before the 2025 merger does not exist for a later period.</summary>
    [Fact]
    public async Task A_unit_is_looked_up_at_the_period_not_today()
    {
        var district = await Cli.RunAsync("units", "--at", "2025-03-01", "--json");
        using var doc = JsonDocument.Parse(district.Out);
        var huyen = doc.RootElement.GetProperty("units").EnumerateArray().First(u => u.GetProperty("level").GetString() == "HUYEN").GetProperty("code").GetString()!;

        var before = await Cli.RunAsync("template", "--unit", huyen.ToLowerInvariant(), "--period", "2025-Q1", "-o", PathOf("before.xlsx"));
        var after = await Cli.RunAsync("template", "--unit", huyen, "--period", "2025-Q4", "-o", PathOf("after.xlsx"));

        Assert.True(before.ExitCode == ExitCodes.Done, before.ToString());
        Assert.True(after.ExitCode == ExitCodes.Refused, after.ToString());
    }

    [Fact]
    public async Task Submit_for_an_unknown_unit_is_refused_before_anything_is_sent()
    {
        var file = PathOf("bao-cao.xlsx");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 0x03, 0x04]);

        var r = await Cli.RunAsync("submit", file, "--unit", "so-khongco", "--period", "2025-Q3", "--storage", Nowhere);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Không có đơn vị báo cáo mã 'so-khongco' trong kỳ Quý III năm 2025", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Đang gửi", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_as_the_province_is_refused_it_does_not_report()
    {
        var file = PathOf("bao-cao.xlsx");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 0x03, 0x04]);

        var r = await Cli.RunAsync("submit", file, "--unit", "51", "--period", "2025-Q3", "--storage", Nowhere);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("không gửi báo cáo", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_for_an_unknown_unit_is_refused()
    {
        var r = await Cli.RunAsync("reopen", "--period", "2025-Q3", "--unit", "so-khongco", "--reason", "thử", "--storage", Nowhere);

        Assert.True(r.ExitCode == ExitCodes.Refused, r.ToString());
        Assert.Contains("Không có đơn vị báo cáo mã 'so-khongco'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_for_an_unknown_unit_are_refused_and_a_unit_on_a_consolidator_key_is_wrong_usage()
    {
        var unknown = await Cli.RunAsync("keys", "issue", "--role", "agency", "--unit", "so-khongco", "--storage", Nowhere);
        var consolidator = await Cli.RunAsync("keys", "issue", "--role", "consolidator", "--unit", "21211", "--storage", Nowhere);

        Assert.True(unknown.ExitCode == ExitCodes.Refused, unknown.ToString());
        Assert.Contains("Không có đơn vị báo cáo mã 'so-khongco'", unknown.Error, StringComparison.Ordinal);
        Assert.True(consolidator.ExitCode == ExitCodes.Usage, consolidator.ToString());
        Assert.Contains("--unit chỉ dùng với --role agency", consolidator.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_says_an_unknown_unit_is_exit_1()
    {
        var r = await Cli.RunAsync("submit", "--help");

        Assert.Contains("mã đơn vị không có trong danh sách", r.Out, StringComparison.Ordinal);
        Assert.Contains("mã thoát 1", r.Out, StringComparison.Ordinal);
    }
}
