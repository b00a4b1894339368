using System.CommandLine;
using DanVan.Core.Calendar;
using DanVan.Core.Publish;
using DanVan.Host.Cli;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan consolidate`: consolidate and publish a period now; prints where the workbook is.</summary>
public sealed class ConsolidateVerb : IVerb
{
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo cần tổng hợp, ví dụ 2025-Q3, 2025-H1, 2025-M9, 2025-Y", required: true);
    private readonly Option<string> _storage = VerbOptions.Storage();

    public Command Command => field ??= new Command("consolidate", "tổng hợp và phát hành báo cáo tổng hợp của một kỳ ngay; in ra nơi lưu sổ tổng hợp") { _period, _storage };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var period = parse.GetValue(_period)!.Value;
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var progress = new Progress<string>(m => console.Out.WriteLine("… " + m));
        var outcome = await provider.GetRequiredService<ConsolidationService>().ConsolidateAsync(period, cancellationToken, progress);
        // The same completeness line as `danvan status`, the portal and the workbook (lower-cased after the colon).
        var line = VnText.CompletenessLine(outcome.Completeness);
        await console.Out.WriteLineAsync($"Tổng hợp {ReportingCalendar.NameVi(period)}: {char.ToLowerInvariant(line[0])}{line[1..]}.");
        await console.Out.WriteLineAsync(outcome.Changed
            ? $"Đã phát hành báo cáo tổng hợp phiên bản {outcome.Version}: {StorageNames.Published}/{outcome.VersionBlobName} (bản mới nhất: {StorageNames.Published}/{outcome.LatestBlobName})"
            : $"Số liệu không thay đổi; báo cáo tổng hợp vẫn là phiên bản {outcome.Version}: {StorageNames.Published}/{outcome.LatestBlobName}");
        return ExitCodes.Done;
    }
}
