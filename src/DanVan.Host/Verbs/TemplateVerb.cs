using System.CommandLine;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Host.Cli;

namespace DanVan.Host.Verbs;

/// <summary><c>danvan template --unit MÃ --period KỲ -o TỆP</c>: the template for one unit and period.</summary>
public sealed class TemplateVerb : IVerb
{
    private readonly Func<UnitRegistry> _registry;
    private readonly ReportingCalendar _calendar;
    private readonly CatalogueSet _catalogues;
    private readonly TimeProvider _time;
    private readonly Option<string> _unit = VerbOptions.Unit("mã đơn vị báo cáo", required: true);
    private readonly Option<PeriodKey?> _period = VerbOptions.Period("kỳ báo cáo (một quý), ví dụ 2026-Q4", required: true);
    private readonly Option<string> _output = new("--output", "-o") { HelpName = "TỆP", Description = "tệp .xlsx sẽ tạo", Required = true };

    public TemplateVerb()
        : this(() => UnitRegistry.Default, ReportingCalendar.Default, CatalogueSet.Default, TimeProvider.System)
    {
    }

    internal TemplateVerb(Func<UnitRegistry> registry, ReportingCalendar calendar, CatalogueSet catalogues, TimeProvider time)
    {
        _time = time;
        _registry = registry;
        _calendar = calendar;
        _catalogues = catalogues;
    }

    public Command Command => field ??= new Command("template", "tạo biểu mẫu báo cáo cho một đơn vị và một kỳ") { _unit, _period, _output };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var code = parse.GetRequiredValue(_unit);
        var key = parse.GetValue(_period)!.Value;
        var output = parse.GetRequiredValue(_output);
        if (key.IsCumulative)
        {
            throw new UsageException($"Báo cáo {ReportingCalendar.NameVi(key)} do hệ thống tự tổng hợp từ các quý, không có biểu mẫu riêng. Hãy chọn một quý, ví dụ {key.Year}-Q{key.Quarter}.");
        }
        var period = _calendar.Get(key);
        // No template for a quarter whose data window has not begun (a closed quarter may be reopened for a unit:
        // its template is still made here, and ingestion decides).
        if (!_calendar.HasStarted(period, _time.GetUtcNow()))
        {
            await console.Error.WriteLineAsync($"Chưa đến kỳ báo cáo {period.NameVi}: thời gian chốt số liệu bắt đầu từ ngày {DanVan.Core.Text.ViFormat.Date(period.WindowStart)}, chưa có biểu mẫu.");
            return ExitCodes.Refused;
        }
        if (await RegistryLoading.TryLoadAsync(_registry, console) is not { } registry)
        {
            return ExitCodes.Internal;
        }
        var unit = await UnitInput.ReportingAsync(registry, code, period.WindowEnd,
            $"vào ngày {period.WindowEnd:dd/MM/yyyy} (cuối thời gian chốt số liệu của kỳ {period.NameVi})", console);
        if (unit is null)
        {
            return ExitCodes.Refused;
        }
        using (var buffer = new MemoryStream())
        {
            TemplateWriter.Write(unit, period, _catalogues.For(period.Key), registry, buffer);
            await File.WriteAllBytesAsync(output, buffer.ToArray(), cancellationToken);
        }
        await console.Out.WriteLineAsync($"Đã tạo biểu mẫu báo cáo của {unit.Name} ({unit.Code}), kỳ {period.NameVi}: {output}");
        return ExitCodes.Done;
    }
}
