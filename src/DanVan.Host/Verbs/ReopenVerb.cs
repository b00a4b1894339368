using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan reopen`: the consolidator reopens a closed period for one named unit (a lock exception, audited).</summary>
public sealed class ReopenVerb : IVerb
{
    public string Name => "reopen";

    public string Usage => "danvan reopen --period KỲ --unit MÃ --reason \"LÝ DO\" [--by NGƯỜI] [--storage CHUỖI]   mở lại kỳ báo cáo cho một đơn vị";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var text = args.Option("period") ?? throw new UsageException("Cần --period KỲ (một quý, ví dụ 2025-Q3).");
        if (!PeriodKey.TryParse(text, out var period) || period.IsCumulative)
        {
            throw new UsageException($"Kỳ báo cáo '{text}' không hợp lệ: cần một quý, ví dụ 2025-Q3.");
        }
        var unit = args.Option("unit") ?? throw new UsageException("Cần --unit MÃ_ĐƠN_VỊ.");
        var reason = args.Option("reason") ?? throw new UsageException("Cần --reason \"lý do mở lại\": việc mở lại được ghi vào nhật ký.");
        var by = args.Option("by") ?? Environment.UserName;
        await using var provider = StorageOption.Services(args);
        var reference = provider.GetRequiredService<ReferenceData>();
        var rp = reference.Calendar.Get(period);
        if (reference.Registry.FindByCode(unit, rp.WindowEnd) is not { Reports: true } found)
        {
            await console.Error.WriteLineAsync($"Không có đơn vị báo cáo mã '{unit}' trong kỳ {rp.NameVi}.");
            return ExitCodes.Refused;
        }
        await provider.GetRequiredService<DanVanStorage>().EnsureCreatedAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        await provider.GetRequiredService<ReopeningStore>().ReopenAsync(period, unit, reason, by, now, cancellationToken);
        await provider.GetRequiredService<AuditLog>().AppendAsync(period.ToString(), "reopened", unit, by, reason, cancellationToken);
        var state = rp.IsClosed(now) ? "đã khóa" : "chưa khóa (sẽ khóa " + reference.Calendar.ToVietnamTime(rp.CloseUtc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + ")";
        await console.Out.WriteLineAsync($"Đã mở lại kỳ báo cáo {rp.NameVi} cho {found.Name} ({unit}); kỳ này {state}. Lý do: {reason}");
        return ExitCodes.Done;
    }
}
