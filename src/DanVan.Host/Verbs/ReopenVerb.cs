using System.CommandLine;
using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan reopen`: the consolidator reopens a closed period for one named unit (a lock exception, audited).</summary>
public sealed class ReopenVerb : IVerb
{
    private readonly TimeProvider _time;
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo cần mở lại (một quý), ví dụ 2025-Q3", required: true);
    private readonly Option<string> _unit = VerbOptions.Unit("đơn vị được gửi lại báo cáo", required: true);
    private readonly Option<string> _reason = new("--reason") { HelpName = "\"LÝ DO\"", Description = "lý do mở lại, ghi vào nhật ký", Required = true };
    private readonly Option<string> _by = new("--by") { HelpName = "NGƯỜI", Description = "người mở lại; mặc định là tên người dùng trên máy" };
    private readonly Option<string> _storage = VerbOptions.Storage();

    public ReopenVerb()
        : this(TimeProvider.System)
    {
    }

    internal ReopenVerb(TimeProvider time) => _time = time;

    public Command Command => field ??= new Command("reopen", "mở lại kỳ báo cáo đã khóa cho một đơn vị (được ghi vào nhật ký)")
    {
        _period, _unit, _reason, _by, _storage,
    };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var period = parse.GetValue(_period)!.Value;
        if (period.IsCumulative)
        {
            throw new UsageException($"Kỳ báo cáo '{period}' không hợp lệ: cần một quý, ví dụ 2025-Q3.");
        }
        var typed = parse.GetRequiredValue(_unit);
        var reason = parse.GetRequiredValue(_reason);
        var by = parse.GetValue(_by) ?? Environment.UserName;
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var reference = provider.GetRequiredService<ReferenceData>();
        var rp = reference.Calendar.Get(period);
        if (await UnitInput.ReportingAsync(reference.Registry, typed, rp.WindowEnd, "trong kỳ " + rp.NameVi, console) is not { } found)
        {
            return ExitCodes.Refused;
        }
        var unit = found.Code;
        await StorageOption.EnsureCreatedAsync(provider, cancellationToken);
        var now = _time.GetUtcNow();
        await provider.GetRequiredService<ReopeningStore>().ReopenAsync(period, unit, reason, by, now, cancellationToken);
        await provider.GetRequiredService<AuditLog>().AppendAsync(period.ToString(), "reopened", unit, by, reason, cancellationToken);
        var state = rp.IsClosed(now) ? "đã khóa" : "chưa khóa (sẽ khóa " + reference.Calendar.ToVietnamTime(rp.CloseUtc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + ")";
        await console.Out.WriteLineAsync($"Đã mở lại kỳ báo cáo {rp.NameVi} cho {found.Name} ({unit}); kỳ này {state}. Lý do: {reason}");
        return ExitCodes.Done;
    }
}
