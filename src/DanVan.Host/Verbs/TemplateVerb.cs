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

    public TemplateVerb()
        : this(() => UnitRegistry.Default, ReportingCalendar.Default, CatalogueSet.Default)
    {
    }

    internal TemplateVerb(Func<UnitRegistry> registry, ReportingCalendar calendar, CatalogueSet catalogues)
    {
        _registry = registry;
        _calendar = calendar;
        _catalogues = catalogues;
    }

    public string Name => "template";

    public string Usage => "danvan template --unit MÃ --period KỲ -o TỆP";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var code = args.Option("unit") ?? throw new UsageException("Thiếu mã đơn vị báo cáo (--unit).");
        var periodText = args.Option("period") ?? throw new UsageException("Thiếu kỳ báo cáo (--period), ví dụ 2026-Q4.");
        var output = args.Option("output") ?? throw new UsageException("Thiếu tệp kết quả (-o TỆP).");
        if (!PeriodKey.TryParse(periodText, out var key))
        {
            throw new UsageException($"Kỳ báo cáo '{periodText}' không hợp lệ; ví dụ 2026-Q4, 2026-H1, 2026-M9, 2026-Y.");
        }
        if (key.IsCumulative)
        {
            throw new UsageException($"Báo cáo {ReportingCalendar.NameVi(key)} do hệ thống tự tổng hợp từ các quý, không có biểu mẫu riêng. Hãy chọn một quý, ví dụ {key.Year}-Q{key.Quarter}.");
        }
        var period = _calendar.Get(key);
        if (await RegistryLoading.TryLoadAsync(_registry, console) is not { } registry)
        {
            return ExitCodes.Internal;
        }
        var unit = registry.FindByCode(code, period.WindowEnd);
        if (unit is null)
        {
            await console.Error.WriteLineAsync($"Không có đơn vị báo cáo mã '{code}' vào ngày {period.WindowEnd:dd/MM/yyyy} (cuối thời gian chốt số liệu của kỳ {period.NameVi}).");
            return ExitCodes.Refused;
        }
        if (!unit.Reports)
        {
            await console.Error.WriteLineAsync($"{unit.Name} là đơn vị tổng hợp, không gửi báo cáo nên không có biểu mẫu báo cáo.");
            return ExitCodes.Refused;
        }
        using (var buffer = new MemoryStream())
        {
            TemplateWriter.Write(unit, period, _catalogues.Latest, registry, buffer);
            await File.WriteAllBytesAsync(output, buffer.ToArray(), cancellationToken);
        }
        await console.Out.WriteLineAsync($"Đã tạo biểu mẫu báo cáo của {unit.Name}, kỳ {period.NameVi}: {output}");
        return ExitCodes.Done;
    }
}
