using System.CommandLine;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Host.Cli;

namespace DanVan.Host.Verbs;

/// <summary>
/// <c>danvan check TỆP [--unit MÃ] [--period KỲ] [--json]</c>: validates a filled report offline, exactly
/// as the pipeline would. Exit 0 when accepted (with or without warnings), 1 when rejected, 2 wrong usage.
/// </summary>
public sealed class CheckVerb : IVerb
{
    /// <summary>Said by every offline check of an acceptable report.</summary>
    public const string HistoryNotChecked = "Chưa so sánh với số liệu các kỳ trước (chỉ kiểm tra khi gửi): hệ thống sẽ cảnh báo nếu số liệu khác xa quý trước và cùng kỳ năm trước.";

    private readonly Func<UnitRegistry> _registry;
    private readonly ReportingCalendar _calendar;
    private readonly CatalogueSet _catalogues;
    private readonly TimeProvider _time;
    private readonly Argument<string> _file = new("TỆP") { Description = "tệp báo cáo đã điền (.xlsx, hoặc .xls của Excel 97–2003)" };
    private readonly Option<string> _unit = VerbOptions.Unit("kiểm tra như khi đơn vị này gửi (báo cáo của đơn vị khác bị từ chối)", required: false);
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kiểm tra như khi gửi vào kỳ này, ví dụ 2026-Q4", required: false);
    private readonly Option<bool> _json = VerbOptions.Json();

    public CheckVerb()
        : this(() => UnitRegistry.Default, ReportingCalendar.Default, CatalogueSet.Default, TimeProvider.System)
    {
    }

    internal CheckVerb(Func<UnitRegistry> registry, ReportingCalendar calendar, CatalogueSet catalogues, TimeProvider time)
    {
        _registry = registry;
        _calendar = calendar;
        _catalogues = catalogues;
        _time = time;
    }

    public Command Command => field ??= new Command("check", "kiểm tra một báo cáo đã điền, không cần mạng, đúng như hệ thống sẽ kiểm tra") { _file, _unit, _period, _json };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var path = parse.GetRequiredValue(_file);
        if (!File.Exists(path))
        {
            throw new UsageException($"Không tìm thấy tệp '{path}'.");
        }
        var pathPeriod = parse.GetValue(_period);
        if (await RegistryLoading.TryLoadAsync(_registry, console) is not { } registry)
        {
            return ExitCodes.Internal;
        }
        var now = _time.GetUtcNow();
        string? uploader = null;
        if (parse.GetValue(_unit) is { } typed)
        {
            // Without --period the unit must exist today; an older report's unit is found with its period.
            var (at, whenVi) = pathPeriod is { } p
                ? (_calendar.Get(p).WindowEnd, "trong kỳ " + _calendar.Get(p).NameVi)
                : (_calendar.VietnamDate(now), "vào hôm nay (ghi thêm --period KỲ để kiểm tra báo cáo của kỳ cũ)");
            if (await UnitInput.CanonicalAsync(registry, typed, at, whenVi, console) is not { } unit)
            {
                return ExitCodes.Refused;
            }
            uploader = unit.Code;
        }
        var context = new CheckContext(uploader, pathPeriod, now, registry, _calendar, _catalogues, new IngestLimits());
        CheckResult result;
        await using (var file = File.OpenRead(path))
        {
            result = ReportChecker.Check(file, Path.GetFileName(path), context);
        }

        if (parse.GetValue(_json))
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), JsonOutput.Options));
        }
        else
        {
            await WriteHumanAsync(console.Out, path, result, registry);
        }
        return result.Outcome.IsAccepted() ? ExitCodes.Done : ExitCodes.Refused;
    }

    private static object ToJson(CheckResult result) => new
    {
        status = result.Outcome.Wire(),
        unit = result.Identity?.UnitCode,
        period = result.Identity is { Period: var p } && p != default ? p.ToString() : null,
        templateVersion = result.Identity?.TemplateVersion,
        catalogueVersion = result.Identity?.CatalogueVersion,
        problems = result.Problems.Select(ProblemWire.From),
    };

    private async Task WriteHumanAsync(TextWriter output, string path, CheckResult result, UnitRegistry registry)
    {
        await output.WriteLineAsync($"Tệp: {Path.GetFileName(path)}");
        if (result.Identity is { } id && id.Period != default)
        {
            var period = _calendar.Get(id.Period);
            var unit = registry.FindByCode(id.UnitCode, period.WindowEnd);
            await output.WriteLineAsync($"Đơn vị báo cáo: {unit?.Name ?? id.UnitCode} ({id.UnitCode}) — kỳ báo cáo: {period.NameVi} — biểu mẫu phiên bản {id.TemplateVersion}, danh mục chỉ tiêu phiên bản {id.CatalogueVersion}");
        }
        foreach (var p in result.Problems)
        {
            var where = p.Sheet is not null && p.Cell is not null ? $" [{p.Sheet}!{p.Cell}]" : string.Empty;
            await output.WriteLineAsync($"{(p.Severity == Severity.Error ? "Lỗi" : "Cảnh báo")}{where}: {p.MessageVi}");
        }
        if (result.Outcome.IsAccepted())
        {
            // Offline: the unit's earlier reports are in storage, so only ingestion compares with them.
            await output.WriteLineAsync(HistoryNotChecked);
        }
        await output.WriteLineAsync($"Kết quả: {result.Outcome.Vi()} ({result.ErrorCount} lỗi, {result.WarningCount} cảnh báo).");
    }
}
