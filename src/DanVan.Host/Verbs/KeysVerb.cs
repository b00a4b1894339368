using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan keys`: access keys (mã truy cập) for units, the consolidator and leaders.</summary>
public sealed class KeysVerb : IVerb
{
    private readonly TimeProvider _time;
    private readonly Option<string> _role = new("--role") { HelpName = "agency|consolidator|leader", Description = "agency: đơn vị báo cáo; consolidator: Sở Nội vụ (tổng hợp); leader: lãnh đạo", Required = true };
    private readonly Option<string> _unit = VerbOptions.Unit("đơn vị được cấp mã, cần với --role agency", required: false);
    private readonly Option<string> _label = new("--label") { HelpName = "TÊN", Description = "tên người hoặc đơn vị giữ mã; mặc định là tên đơn vị" };
    private readonly Argument<string> _keyId = new("MÃ_KHÓA") { Description = "mã khóa cần thu hồi (xem danvan keys list)" };
    private readonly Option<string> _storage = VerbOptions.Storage();
    private readonly Option<bool> _json = VerbOptions.Json();

    public KeysVerb()
        : this(TimeProvider.System)
    {
    }

    internal KeysVerb(TimeProvider time) => _time = time;

    public Command Command => field ??= new Command("keys", "mã truy cập cổng thông tin cho đơn vị báo cáo, Sở Nội vụ và lãnh đạo")
    {
        new Command("issue", "cấp một mã truy cập mới (mã chỉ hiện một lần)") { _role, _unit, _label, _storage },
        new Command("list", "liệt kê các mã truy cập đã cấp") { _json, _storage },
        new Command("revoke", "thu hồi một mã truy cập") { _keyId, _storage },
    };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        switch (parse.CommandResult.Command.Name)
        {
            case "issue":
                return await IssueAsync(parse, console, cancellationToken);
            case "list":
                return await ListAsync(parse, console, cancellationToken);
            default:
                var id = parse.GetRequiredValue(_keyId);
                await using (var provider = StorageOption.Services(parse.GetValue(_storage)))
                {
                    await StorageOption.EnsureCreatedAsync(provider, cancellationToken);
                    if (!await provider.GetRequiredService<AccessKeyStore>().RevokeAsync(id, cancellationToken))
                    {
                        await console.Error.WriteLineAsync($"Không có mã truy cập '{id}'.");
                        return ExitCodes.Refused;
                    }
                }
                await console.Out.WriteLineAsync($"Đã thu hồi mã truy cập {id}.");
                return ExitCodes.Done;
        }
    }

    private async Task<int> IssueAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var role = parse.GetRequiredValue(_role) switch
        {
            "agency" => AccessRole.Agency,
            "consolidator" => AccessRole.Consolidator,
            "leader" => AccessRole.Leader,
            var other => throw new UsageException($"Vai trò '{other}' không hợp lệ: agency (đơn vị báo cáo), consolidator (Sở Nội vụ) hoặc leader (lãnh đạo)."),
        };
        var typed = parse.GetValue(_unit);
        if (role == AccessRole.Agency && typed is null)
        {
            throw new UsageException("Mã truy cập của đơn vị báo cáo cần --unit MÃ.");
        }
        if (role != AccessRole.Agency && typed is not null)
        {
            throw new UsageException("--unit chỉ dùng với --role agency: mã của Sở Nội vụ và lãnh đạo không gắn với một đơn vị.");
        }
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var reference = provider.GetRequiredService<ReferenceData>();
        string label;
        string? unit = null;
        if (role == AccessRole.Agency)
        {
            var today = reference.Calendar.VietnamDate(_time.GetUtcNow());
            if (await UnitInput.ReportingAsync(reference.Registry, typed!, today, $"vào ngày {today:dd/MM/yyyy}", console) is not { } found)
            {
                return ExitCodes.Refused;
            }
            unit = found.Code;
            label = parse.GetValue(_label) ?? found.Name;
        }
        else
        {
            label = parse.GetValue(_label) ?? (role == AccessRole.Consolidator ? "Sở Nội vụ" : "Lãnh đạo");
        }
        await StorageOption.EnsureCreatedAsync(provider, cancellationToken);
        var (key, secret) = await provider.GetRequiredService<AccessKeyStore>().IssueAsync(role, unit, label, cancellationToken);
        await console.Out.WriteLineAsync($"Mã truy cập cho {label} ({RoleVi(role)}), mã khóa {key.Id}:");
        await console.Out.WriteLineAsync(secret);
        await console.Out.WriteLineAsync("Mã này chỉ hiện một lần: hãy gửi cho người dùng qua kênh an toàn. Hệ thống chỉ lưu bản băm của mã.");
        return ExitCodes.Done;
    }

    private async Task<int> ListAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        await StorageOption.EnsureCreatedAsync(provider, cancellationToken);
        var keys = await provider.GetRequiredService<AccessKeyStore>().ListAsync(cancellationToken);
        var calendar = provider.GetRequiredService<ReferenceData>().Calendar;
        if (parse.GetValue(_json))
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
