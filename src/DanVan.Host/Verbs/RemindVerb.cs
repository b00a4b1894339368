using System.CommandLine;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Followup;
using DanVan.Host.Cli;
using DanVan.Pipeline.Followup;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>
/// `danvan remind`: the units to remind for a period (missing, or only rejected), and from that list in one action the
/// draft reminder letter (.docx) and the workbook of missing units. Nothing is sent (see docs/consolidation.md).
/// </summary>
public sealed class RemindVerb : IVerb
{
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo, ví dụ 2025-Q3 (kỳ lũy kế: theo quý cuối)", required: true);
    private readonly Option<string> _storage = VerbOptions.Storage();
    private readonly Option<bool> _json = VerbOptions.Json();
    private readonly Option<string> _letter = new("--letter") { HelpName = "TỆP.docx", Description = "tạo dự thảo công văn đôn đốc (Nghị định 30/2020/NĐ-CP) gửi các đơn vị trong danh sách" };
    private readonly Option<string> _missing = new("--missing") { HelpName = "TỆP.xlsx", Description = "tạo bảng danh sách đơn vị chưa gửi, kèm đơn vị cấp trên và mã truy cập đã cấp" };

    public Command Command => field ??= new Command("remind", "danh sách đơn vị cần đôn đốc (chưa gửi hoặc bị trả lại), công văn đôn đốc và bảng danh sách")
    {
        _period, _storage, _json, _letter, _missing,
    };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var period = parse.GetValue(_period)!.Value;
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var reminders = provider.GetRequiredService<ReminderService>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var list = await reminders.ListAsync(period, cancellationToken);
        if (parse.GetValue(_letter) is { Length: > 0 } letter)
        {
            using var buffer = new MemoryStream();
            ReminderLetter.Write(list, now, buffer);
            await File.WriteAllBytesAsync(letter, buffer.ToArray(), cancellationToken);
        }
        if (parse.GetValue(_missing) is { Length: > 0 } missing)
        {
            using var buffer = new MemoryStream();
            MissingWorkbook.Write(list, await reminders.KeyLabelsAsync(cancellationToken), now, buffer);
            await File.WriteAllBytesAsync(missing, buffer.ToArray(), cancellationToken);
        }
        if (parse.GetValue(_json))
        {
            var json = new
            {
                period = list.Period.Key.ToString(),
                deadlineUtc = list.Period.DeadlineUtc,
                units = list.Lines.Select(l => new
                {
                    code = l.Unit.Code,
                    name = l.Unit.Name,
                    reason = l.Reason == ReminderReason.Missing ? "missing" : "onlyRejected",
                    parent = l.Parent?.Name,
                    uploads = l.Uploads,
                    lastUploadUtc = l.LastUploadUtc,
                }),
            };
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(json, JsonOutput.Options));
            return ExitCodes.Done;
        }
        var o = console.Out;
        await o.WriteLineAsync($"{list.Period.NameVi} — {Core.Publish.VnText.Deadline(list.Period)}");
        await o.WriteLineAsync(list.Lines.Count == 0 ? "Không có đơn vị nào cần đôn đốc." : $"Cần đôn đốc {list.Lines.Count} đơn vị:");
        foreach (var l in list.Lines)
        {
            await o.WriteLineAsync($"  {l.Unit.Code,-14} {l.Unit.Name,-40} {l.ReasonVi}{(l.Parent is { } p ? " — " + p.Name : "")}");
        }
        if (parse.GetValue(_letter) is { Length: > 0 } writtenLetter)
        {
            await o.WriteLineAsync($"Đã tạo dự thảo công văn đôn đốc: {writtenLetter}");
        }
        if (parse.GetValue(_missing) is { Length: > 0 } writtenMissing)
        {
            await o.WriteLineAsync($"Đã tạo bảng danh sách đơn vị chưa gửi: {writtenMissing}");
        }
        return ExitCodes.Done;
    }
}
