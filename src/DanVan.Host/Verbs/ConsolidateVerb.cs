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
    public string Name => "consolidate";

    public string Usage => "danvan consolidate --period KỲ [--storage CHUỖI]   tổng hợp và phát hành báo cáo tổng hợp ngay";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var text = args.Option("period") ?? throw new UsageException("Cần --period KỲ (ví dụ 2025-Q3).");
        if (!PeriodKey.TryParse(text, out var period))
        {
            throw new UsageException($"Kỳ báo cáo '{text}' không hợp lệ (ví dụ 2025-Q3, 2025-H1, 2025-M9, 2025-Y).");
        }
        await using var provider = StorageOption.Services(args);
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
