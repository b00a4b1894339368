using System.Globalization;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan keys`: access keys (mã truy cập) for units, the consolidator and leaders.</summary>
public sealed class KeysVerb : IVerb
{
    public string Name => "keys";

    public string Usage => "danvan keys issue --role agency|consolidator|leader [--unit MÃ] [--label TÊN] | keys list [--json] | keys revoke MÃ_KHÓA   [--storage CHUỖI]";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "json" };

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var action = args.Positionals.FirstOrDefault() ?? throw new UsageException("Cần một việc: issue, list hoặc revoke.");
        switch (action)
        {
            case "issue":
                return await IssueAsync(args, console, cancellationToken);
            case "list":
                return await ListAsync(args, console, cancellationToken);
            case "revoke":
                var id = args.Positionals.ElementAtOrDefault(1) ?? throw new UsageException("Cần mã khóa cần thu hồi (xem danvan keys list).");
                await using (var provider = StorageOption.Services(args))
                {
                    await provider.GetRequiredService<Pipeline.Storage.DanVanStorage>().EnsureCreatedAsync(cancellationToken);
                    if (!await provider.GetRequiredService<AccessKeyStore>().RevokeAsync(id, cancellationToken))
                    {
                        await console.Error.WriteLineAsync($"Không có mã truy cập '{id}'.");
                        return ExitCodes.Refused;
                    }
                }
                await console.Out.WriteLineAsync($"Đã thu hồi mã truy cập {id}.");
                return ExitCodes.Done;
            default:
                throw new UsageException($"Không có việc '{action}': dùng issue, list hoặc revoke.");
        }
    }

    private static async Task<int> IssueAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var role = args.Option("role") switch
        {
            "agency" => AccessRole.Agency,
            "consolidator" => AccessRole.Consolidator,
            "leader" => AccessRole.Leader,
            var other => throw new UsageException($"Vai trò '{other}' không hợp lệ: agency (đơn vị báo cáo), consolidator (Sở Nội vụ) hoặc leader (lãnh đạo)."),
        };
        var unit = args.Option("unit");
        await using var provider = StorageOption.Services(args);
        var reference = provider.GetRequiredService<ReferenceData>();
        string label;
        if (role == AccessRole.Agency)
        {
            if (unit is null)
            {
                throw new UsageException("Mã truy cập của đơn vị báo cáo cần --unit MÃ.");
            }
            var today = reference.Calendar.VietnamDate(DateTimeOffset.UtcNow);
            var found = reference.Registry.FindByCode(unit, today);
            if (found is not { Reports: true })
            {
                await console.Error.WriteLineAsync($"Không có đơn vị báo cáo mã '{unit}' vào ngày {today:dd/MM/yyyy}.");
                return ExitCodes.Refused;
            }
            label = args.Option("label") ?? found.Name;
        }
        else
        {
            label = args.Option("label") ?? (role == AccessRole.Consolidator ? "Sở Nội vụ" : "Lãnh đạo");
        }
        await provider.GetRequiredService<Pipeline.Storage.DanVanStorage>().EnsureCreatedAsync(cancellationToken);
        var (key, secret) = await provider.GetRequiredService<AccessKeyStore>().IssueAsync(role, unit, label, cancellationToken);
        await console.Out.WriteLineAsync($"Mã truy cập cho {label} ({RoleVi(role)}), mã khóa {key.Id}:");
        await console.Out.WriteLineAsync(secret);
        await console.Out.WriteLineAsync("Mã này chỉ hiện một lần: hãy gửi cho người dùng qua kênh an toàn. Hệ thống chỉ lưu bản băm của mã.");
        return ExitCodes.Done;
    }

    private static async Task<int> ListAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        await using var provider = StorageOption.Services(args);
        await provider.GetRequiredService<Pipeline.Storage.DanVanStorage>().EnsureCreatedAsync(cancellationToken);
        var keys = await provider.GetRequiredService<AccessKeyStore>().ListAsync(cancellationToken);
        var calendar = provider.GetRequiredService<ReferenceData>().Calendar;
        if (args.Flag("json"))
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(keys.Select(k => new { id = k.Id, role = k.Role.ToString().ToLowerInvariant(), unit = k.UnitCode, label = k.Label, issuedUtc = k.IssuedUtc, revokedUtc = k.RevokedUtc }), JsonOutput.Options));
            return ExitCodes.Done;
        }
        await console.Out.WriteLineAsync($"{keys.Count} mã truy cập:");
        foreach (var k in keys)
        {
            var issued = calendar.ToVietnamTime(k.IssuedUtc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
            await console.Out.WriteLineAsync($"  {k.Id}  {RoleVi(k.Role),-22} {k.UnitCode ?? "",-12} {k.Label,-40} cấp {issued}{(k.IsActive ? "" : "  (đã thu hồi)")}");
        }
        return ExitCodes.Done;
    }

    private static string RoleVi(AccessRole role) => role switch
    {
        AccessRole.Agency => "đơn vị báo cáo",
        AccessRole.Consolidator => "Sở Nội vụ (tổng hợp)",
        _ => "lãnh đạo",
    };
}
