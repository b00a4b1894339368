using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Registry;
using DanVan.Host.Cli;

namespace DanVan.Host.Verbs;

/// <summary>`danvan units [--at NGÀY] [--json]`: the units expected to report at a date, with their parents.</summary>
public sealed class UnitsVerb : IVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable
        WriteIndented = true,
    };

    private static readonly UnitLevel[] ReportingLevels = [UnitLevel.So, UnitLevel.Huyen, UnitLevel.Xa];

    private readonly UnitRegistry _registry;
    private readonly ReportingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly Option<string> _at = new("--at") { HelpName = "NGÀY", Description = "ngày cần xem, dạng dd/MM/yyyy hoặc yyyy-MM-dd; mặc định hôm nay (giờ Việt Nam)" };
    private readonly Option<bool> _json = VerbOptions.Json();

    public UnitsVerb()
        : this(UnitRegistry.Default, ReportingCalendar.Default, TimeProvider.System)
    {
    }

    public UnitsVerb(UnitRegistry registry, ReportingCalendar calendar, TimeProvider time)
    {
        _registry = registry;
        _calendar = calendar;
        _time = time;
    }

    public Command Command => field ??= new Command("units", "các đơn vị phải gửi báo cáo vào một ngày: mã, tên, cấp, đơn vị cấp trên") { _at, _json };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var at = parse.GetValue(_at) is { } text ? ParseDate(text) : _calendar.VietnamDate(_time.GetUtcNow());
        var units = _registry.ReportingAt(at)
            .OrderBy(u => Array.IndexOf(ReportingLevels, u.Level))
            .ToArray();
        var output = parse.GetValue(_json) ? ToJson(at, units) : ToText(at, units);
        await console.Out.WriteAsync(output.AsMemory(), cancellationToken);
        return ExitCodes.Done;
    }

    /// <summary>yyyy-MM-dd or dd/MM/yyyy (d/M/yyyy accepted), as clerks write dates.</summary>
    public static DateOnly ParseDate(string text)
    {
        string[] formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new UsageException($"'{text}' không phải là ngày. Ghi ngày dạng dd/MM/yyyy (01/07/2025) hoặc yyyy-MM-dd (2025-07-01).");
    }

    private string ToText(DateOnly at, IReadOnlyList<ReportingUnit> units)
    {
        var sb = new StringBuilder();
        var counts = ReportingLevels
            .Select(l => (Level: l, Count: units.Count(u => u.Level == l)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} {UnitLevels.NameVi(c.Level)}");
        sb.Append(CultureInfo.InvariantCulture, $"{units.Count} đơn vị báo cáo ngày {Date(at)}");
        sb.Append(units.Count > 0 ? ": " + string.Join("; ", counts) + ".\n" : ".\n");
        if (_registry.GapAt(at) is { } gap)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Lưu ý: {gap.NoteVi}\n");
        }
        if (units.Count == 0)
        {
            return sb.ToString();
        }
        var nameWidth = Math.Min(60, units.Max(u => u.Name.Length));
        var codeWidth = units.Max(u => u.Code.Length);
        sb.Append('\n').Append("Mã".PadRight(codeWidth)).Append("  ").Append("Tên đơn vị".PadRight(nameWidth)).Append("  ")
            .Append("Cấp".PadRight(16)).Append("  Đơn vị cấp trên\n");
        foreach (var u in units)
        {
            var parent = Parent(u, at);
            sb.Append(u.Code.PadRight(codeWidth)).Append("  ").Append(u.Name.PadRight(nameWidth)).Append("  ")
                .Append(UnitLevels.NameVi(u.Level).PadRight(16)).Append("  ")
                .Append(parent is null ? "" : $"{parent.Name} ({parent.Code})").Append('\n');
        }
        return sb.ToString();
    }

    private string ToJson(DateOnly at, IReadOnlyList<ReportingUnit> units)
    {
        var gap = _registry.GapAt(at);
        var dto = new
        {
            date = at,
            count = units.Count,
            countsByLevel = ReportingLevels.ToDictionary(l => UnitLevels.Code(l).ToLowerInvariant(), l => units.Count(u => u.Level == l)),
            gap = gap is null ? null : new
            {
                from = gap.From,
                to = gap.To,
                levels = gap.Levels.Select(UnitLevels.Code).ToArray(),
                noteVi = gap.NoteVi,
                noteEn = gap.NoteEn,
            },
            units = units.Select(u => new
            {
                code = u.Code,
                name = u.Name,
                level = UnitLevels.Code(u.Level),
                parentCode = u.ParentCodeAt(at),
                parentName = Parent(u, at)?.Name,
                validFrom = u.ValidFrom,
                validTo = u.ValidTo,
            }).ToArray(),
        };
        return JsonSerializer.Serialize(dto, Json) + "\n";
    }

    private ReportingUnit? Parent(ReportingUnit unit, DateOnly at) =>
        unit.ParentCodeAt(at) is { } code ? _registry.FindByCode(code, at) : null;

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
