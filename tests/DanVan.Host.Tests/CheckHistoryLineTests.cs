using ClosedXML.Excel;
using DanVan.Core.Templates;
using DanVan.Host.Cli;
using DanVan.Host.Verbs;

namespace DanVan.Host.Tests;

/// <summary>`danvan check` is offline: it says that the unit's history was not compared.</summary>
public sealed class CheckHistoryLineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("danvan-host-history-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task An_acceptable_report_is_checked_without_history_and_says_so()
    {
        var file = Path.Combine(_dir.FullName, "filled.xlsx");
        Assert.Equal(ExitCodes.Done, (await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", file)).ExitCode);
        using (var wb = new XLWorkbook(file))
        {
            wb.NamedRange(TemplateNames.ForIndicator("CC_HS_TIEPNHAN")).Ranges.First().FirstCell().Value = 1200;
            wb.Save();
        }

        var r = await Cli.RunAsync("check", file);

        Assert.True(r.ExitCode == ExitCodes.Done, r.ToString());
        Assert.Contains(CheckVerb.HistoryNotChecked, r.Out, StringComparison.Ordinal);
        Assert.Contains("Chưa so sánh với số liệu các kỳ trước (chỉ kiểm tra khi gửi)", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_file_is_not_told_about_history()
    {
        var file = Path.Combine(_dir.FullName, "notes.txt");
        await File.WriteAllTextAsync(file, "không phải bảng tính");

        var r = await Cli.RunAsync("check", file);

        Assert.Equal(ExitCodes.Refused, r.ExitCode);
        Assert.DoesNotContain(CheckVerb.HistoryNotChecked, r.Out, StringComparison.Ordinal);
    }
}
