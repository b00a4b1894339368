using System.CommandLine;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Host.Cli;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.Verbs;

/// <summary>`danvan submit`: hands a file to the pipeline as one unit (as the portal does) and waits for the answer.</summary>
public sealed class SubmitVerb : IVerb
{
    private readonly TimeProvider _time;
    private readonly Argument<string> _file = new("TỆP") { Description = "tệp báo cáo đã điền (.xlsx, hoặc .xls của Excel 97–2003)" };
    private readonly Option<string> _unit = VerbOptions.Unit("gửi thay cho đơn vị này", required: true);
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo; mặc định là kỳ ghi trong tệp", required: false);
    private readonly Option<string> _storage = VerbOptions.Storage();
    private readonly Option<bool> _json = VerbOptions.Json();
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "gửi xong là thôi, không chờ hệ thống kiểm tra" };

    public SubmitVerb()
        : this(TimeProvider.System)
    {
    }

    internal SubmitVerb(TimeProvider time) => _time = time;

    public Command Command => field ??= new Command("submit", "gửi báo cáo thay cho một đơn vị (như cổng thông tin) và chờ kết quả kiểm tra")
    {
        _file, _unit, _period, _storage, _json, _noWait,
    };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var file = parse.GetRequiredValue(_file);
        var typed = parse.GetRequiredValue(_unit);
        if (!File.Exists(file))
        {
            throw new UsageException($"Không tìm thấy tệp '{file}'.");
        }
        await using var provider = StorageOption.Services(parse.GetValue(_storage));
        var reference = provider.GetRequiredService<ReferenceData>();
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);

        PeriodKey period;
        if (parse.GetValue(_period) is { } given)
        {
            period = given;
        }
        else
        {
            // The period is the one the template names; the unit is never taken from the file.
            using var probe = new MemoryStream(bytes);
            var found = ReportChecker.Check(probe, Path.GetFileName(file),
                new CheckContext(typed, null, _time.GetUtcNow(), reference.Registry, reference.Calendar, reference.Catalogues, new IngestLimits())).Identity;
            period = found?.Period ?? throw new UsageException("Không đọc được kỳ báo cáo trong tệp; hãy ghi rõ --period KỲ.");
        }
        var rp = reference.Calendar.Get(period);
        if (await UnitInput.ReportingAsync(reference.Registry, typed, rp.WindowEnd, "trong kỳ " + rp.NameVi, console) is not { } registered)
        {
            return ExitCodes.Refused;
        }
        var unit = registered.Code;

        await console.Out.WriteLineAsync($"Đang gửi {Path.GetFileName(file)} ({DanVan.Core.Text.ViFormat.Number(bytes.Length)} byte) cho đơn vị {unit}, kỳ {ReportingCalendar.NameVi(period)}…");
        var uploads = provider.GetRequiredService<UploadService>();
        PendingUpload pending;
        UploadAnswer? answer = null;
        try
        {
            pending = await uploads.UploadAsync(unit, period, Path.GetFileName(file), new BinaryData(bytes), cancellationToken);
            if (parse.GetValue(_noWait))
            {
                await console.Out.WriteLineAsync($"Đã gửi. Mã lần gửi: {pending.SubmissionId}. Xem kết quả: danvan status --period {period}");
                return ExitCodes.Done;
            }
            await console.Out.WriteAsync("Đang chờ hệ thống kiểm tra");
            answer = await uploads.WaitForAnswerAsync(pending, AnswerWait, new SyncProgress<TimeSpan>(_ => console.Out.Write(".")), cancellationToken);
            await console.Out.WriteLineAsync();
        }
        catch (StorageUnavailableException ex)
        {
            await console.Out.WriteLineAsync();
            await console.Error.WriteLineAsync(StorageUnavailableException.MessageVi);
            await console.Error.WriteLineAsync("(" + ex.InnerException?.GetType().Name + ": " + ex.InnerException?.Message.Split('\n')[0] + ")");
            return ExitCodes.StorageUnavailable;
        }
        if (answer is null)
        {
            await console.Error.WriteLineAsync($"Báo cáo đã được gửi nhưng hệ thống chưa trả lời sau {AnswerWait.TotalSeconds:0} giây (danvan serve có đang chạy không?). "
                + $"Tệp không bị mất: xem kết quả sau bằng danvan status --period {period}. Mã lần gửi: {pending.SubmissionId}");
            return ExitCodes.NotAnswered;
        }
        var row = answer.Submission;
        if (parse.GetValue(_json))
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                submission = row.Id,
                period = period.ToString(),
                unit,
                state = row.State.Wire(),
                duplicate = answer.Duplicate,
                current = answer.IsCurrent,
                version = row.Version,
                message = answer.MessageVi,
                feedback = row.FeedbackBlob,
            }, JsonOutput.Options));
        }
        else
        {
            await console.Out.WriteLineAsync(answer.MessageVi);
            foreach (var problem in row.Problems)
            {
                await console.Out.WriteLineAsync($"  {(problem.Severity == "error" ? "Lỗi" : "Cảnh báo")}{(problem.Cell is null ? "" : " [" + problem.Cell + "]")}: {problem.Message}");
            }
            if (row.FeedbackBlob is not null)
            {
                await console.Out.WriteLineAsync($"Tệp kết quả kiểm tra: feedback/{row.FeedbackBlob}");
            }
        }
        return row.State is SubmissionOutcome.Rejected ? ExitCodes.Refused : row.State is SubmissionOutcome.SystemError ? ExitCodes.Internal : ExitCodes.Done;
    }

    /// <summary>How long `submit` waits for the pipeline's answer before saying it has none yet (exit 5).</summary>
    public static TimeSpan AnswerWait { get; set; } = TimeSpan.FromSeconds(90);
}
