using System.Text.Encodings.Web;
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

    private readonly Func<UnitRegistry> _registry;
    private readonly ReportingCalendar _calendar;
    private readonly CatalogueSet _catalogues;
    private readonly Func<DateTimeOffset> _now;

    public CheckVerb()
        : this(() => UnitRegistry.Default, ReportingCalendar.Default, CatalogueSet.Default, () => DateTimeOffset.UtcNow)
    {
    }

    internal CheckVerb(Func<UnitRegistry> registry, ReportingCalendar calendar, CatalogueSet catalogues, Func<DateTimeOffset> now)
    {
        _registry = registry;
        _calendar = calendar;
        _catalogues = catalogues;
        _now = now;
    }

    public string Name => "check";

    public string Usage => "danvan check TỆP [--unit MÃ] [--period KỲ] [--json]";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "json" };

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("Cần đúng một tệp báo cáo cần kiểm tra.");
        }
        var path = args.Positionals[0];
        if (!File.Exists(path))
        {
            throw new UsageException($"Không tìm thấy tệp '{path}'.");
        }
        PeriodKey? pathPeriod = null;
        if (args.Option("period") is { } periodText)
        {
            pathPeriod = PeriodKey.TryParse(periodText, out var key)
                ? key
                : throw new UsageException($"Kỳ báo cáo '{periodText}' không hợp lệ; ví dụ 2026-Q4.");
        }
        if (await RegistryLoading.TryLoadAsync(_registry, console) is not { } registry)
        {
            return ExitCodes.Internal;
        }
        var context = new CheckContext(args.Option("unit"), pathPeriod, _now(), registry, _calendar, _catalogues, new IngestLimits());
        CheckResult result;
        await using (var file = File.OpenRead(path))
        {
            result = ReportChecker.Check(file, Path.GetFileName(path), context);
        }

        if (args.Flag("json"))
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
        await output.WriteLineAsync($"Kết quả: {result.Outcome.Vi()} ({result.ErrorCount} lỗi, {result.WarningCount} cảnh báo).");
    }
}
