using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Host.Cli;

namespace DanVan.Host.Verbs;

/// <summary>`danvan calendar NĂM [--json]`: the year's reporting calendar the consolidator sends to agencies.</summary>
public sealed class CalendarVerb : IVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable
        WriteIndented = true,
    };

    private readonly ReportingCalendar _calendar;
    private readonly Argument<string> _year = new("NĂM") { Description = "năm cần xem lịch, ví dụ 2025" };
    private readonly Option<bool> _json = VerbOptions.Json();

    public CalendarVerb()
        : this(ReportingCalendar.Default)
    {
    }

    public CalendarVerb(ReportingCalendar calendar) => _calendar = calendar;

    public Command Command => field ??= new Command("calendar", "lịch báo cáo của một năm: các kỳ, thời gian chốt số liệu, hạn gửi, ngày khóa kỳ") { _year, _json };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var text = parse.GetRequiredValue(_year);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2200)
        {
            throw new UsageException($"'{text}' không phải là năm (2000–2200).");
        }
        var periods = _calendar.Year(year);
        var output = parse.GetValue(_json) ? ToJson(year, periods) : ToText(year, periods);
        await console.Out.WriteAsync(output.AsMemory(), cancellationToken);
        return ExitCodes.Done;
    }

    private string ToText(int year, IReadOnlyList<ReportingPeriod> periods)
    {
        var r = _calendar.RegimeFor(PeriodKey.ForQuarter(year, 4));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"LỊCH BÁO CÁO CÔNG TÁC DÂN VẬN NĂM {year}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Theo Nghị định 09/2019/NĐ-CP; chế độ báo cáo phiên bản {r.Version}. Giờ Việt Nam (UTC+{r.UtcOffsetHours}).\n");
        foreach (var p in periods)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{p.NameVi} ({p.Key})");
            if (p.Key.IsCumulative)
            {
                sb.Append(CultureInfo.InvariantCulture, $" — tổng hợp từ các quý {string.Join(", ", p.Key.Quarters)}, không gửi riêng");
            }
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"  Thời gian chốt số liệu: từ ngày {Date(p.WindowStart)} đến ngày {Date(p.WindowEnd)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  Hạn gửi báo cáo:        {Instant(p.DeadlineUtc)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  Tổng hợp:               {Instant(p.ConsolidationUtc)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  Khóa kỳ báo cáo sau:    {Instant(p.CloseUtc)}\n");
        }
        sb.Append('\n').Append(CultureInfo.InvariantCulture,
            $"Báo cáo gửi sau hạn vẫn được tiếp nhận, ghi nhận nộp muộn và được tổng hợp lại hằng đêm lúc {r.NightlyConsolidationTime:HH:mm} giờ Việt Nam cho đến khi khóa kỳ.\n");
        return sb.ToString();
    }

    private string ToJson(int year, IReadOnlyList<ReportingPeriod> periods)
    {
        var r = _calendar.RegimeFor(PeriodKey.ForQuarter(year, 4));
        var dto = new
        {
            year,
            regimeVersion = r.Version,
            utcOffset = $"+{r.UtcOffsetHours:00}:00",
            consolidationCronUtc = _calendar.ConsolidationCronUtc,
            nightlyCronUtc = _calendar.NightlyCronUtc,
            periods = periods.Select(p => new
            {
                key = p.Key.ToString(),
                nameVi = p.NameVi,
                kind = JsonNamingPolicy.CamelCase.ConvertName(p.Key.Kind.ToString()),
                cumulative = p.Key.IsCumulative,
                quarters = p.Key.Quarters.Select(q => q.ToString()).ToArray(),
                windowStart = p.WindowStart,
                windowEnd = p.WindowEnd,
                deadline = _calendar.ToVietnamTime(p.DeadlineUtc),
                deadlineUtc = p.DeadlineUtc,
                consolidation = _calendar.ToVietnamTime(p.ConsolidationUtc),
                consolidationUtc = p.ConsolidationUtc,
                close = _calendar.ToVietnamTime(p.CloseUtc),
                closeUtc = p.CloseUtc,
            }).ToArray(),
        };
        return JsonSerializer.Serialize(dto, Json) + "\n";
    }

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private string Instant(DateTimeOffset utc)
    {
        var vn = _calendar.ToVietnamTime(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{vn:HH:mm} ngày {vn:dd/MM/yyyy}");
    }
}
