using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Status;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan status`: who has and has not reported a period, who was late, every upload's state.</summary>
public sealed class StatusVerb : IVerb
{
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo, ví dụ 2025-Q3, 2025-H1, 2025-M9, 2025-Y", required: true);
    private readonly Option<string> _storage = VerbOptions.Storage();
    private readonly Option<bool> _json = VerbOptions.Json();

    public Command Command => field ??= new Command("status", "tình hình gửi báo cáo của một kỳ: ai đã gửi, ai chưa, ai nộp muộn, từng lần gửi") { _period, _storage, _json };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var period = parse.GetValue(_period)!.Value;
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var status = await provider.GetRequiredService<StatusService>().GetAsync(period, cancellationToken);
        var calendar = provider.GetRequiredService<ReferenceData>().Calendar;
        if (parse.GetValue(_json))
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(StatusJson.From(status), JsonOutput.Options));
            return ExitCodes.Done;
        }
        var o = console.Out;
        await o.WriteLineAsync($"{status.Period.NameVi} — thời gian chốt số liệu: từ ngày {status.Period.WindowStart:dd/MM/yyyy} đến ngày {status.Period.WindowEnd:dd/MM/yyyy}");
        await o.WriteLineAsync("Tình hình gửi báo cáo: " + status.CompletenessVi);
        await o.WriteLineAsync(Bar(status));
        foreach (var u in status.Units)
        {
            var state = u.HasAcceptedReport
                ? (u.Late ? "nộp muộn" : "đúng hạn") + (u.CorrectedAfterDeadline ? ", điều chỉnh sau hạn" : "") + ", " + (u.LastState ?? SubmissionOutcome.Accepted).Vi()
                : u.LastState?.Vi() ?? "chưa nộp";
            var when = u.ReceivedUtc is { } at ? calendar.ToVietnamTime(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";
            await o.WriteLineAsync($"  {u.Code,-14} {Trim(u.Name, 40),-40} {state,-40} {when,-16} {(u.Uploads > 0 ? u.Uploads + " lần gửi" : "")}");
        }
        if (status.Submissions.Count > 0)
        {
            await o.WriteLineAsync();
            await o.WriteLineAsync("Các lần gửi:");
            foreach (var s in status.Submissions)
            {
                await o.WriteLineAsync($"  {calendar.ToVietnamTime(s.ReceivedUtc):dd/MM/yyyy HH:mm} {s.UnitCode,-14} {s.State.Vi(),-28} {s.FileName} — {s.SummaryVi}");
            }
        }
        return ExitCodes.Done;
    }

    /// <summary>A text bar: █ on time, ▒ late, · missing.</summary>
    private static string Bar(PeriodStatus s)
    {
        const int width = 50;
        if (s.Expected == 0)
        {
            return "";
        }
        // Any unit received shows as at least one mark: 1 of 110 must not look like none.
        static int Marks(int n, int of) => n == 0 ? 0 : Math.Max(1, (int)Math.Round(width * (double)n / of));
        var onTime = Marks(s.Received - s.Late, s.Expected);
        var late = Marks(s.Late, s.Expected);
        return "[" + new string('█', onTime) + new string('▒', late) + new string('·', Math.Max(0, width - onTime - late)) + "]  █ đúng hạn  ▒ nộp muộn  · chưa nộp";
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
