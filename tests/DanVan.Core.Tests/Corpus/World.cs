using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Core.Templates;

namespace DanVan.Core.Tests.Corpus;

/// <summary>A small registry and the real calendar and catalogue: what every ingest test checks against.</summary>
public static class World
{
    public const string Province = "51";
    public const string TinhKhe = "21172";
    public const string CamThanh = "21025";
    public const string HomeAffairs = "SNV";

    public static readonly PeriodKey Q4 = PeriodKey.ForQuarter(2026, 4);
    public static readonly PeriodKey Q3 = PeriodKey.ForQuarter(2026, 3);

    /// <summary>Inside Q4 2026's window, before its deadline (17/12/2026) and close (16/01/2027).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 10, 3, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly From = new(2025, 7, 1);

    public static UnitRegistry Registry { get; } = new(
    [
        new ReportingUnit(Province, "Tỉnh Quảng Ngãi", UnitLevel.Tinh, From, null, [], []),
        new ReportingUnit(TinhKhe, "Xã Tịnh Khê", UnitLevel.Xa, From, null, [new ParentSpan(Province, From, null)], []),
        new ReportingUnit(CamThanh, "Phường Cẩm Thành", UnitLevel.Xa, From, null, [new ParentSpan(Province, From, null)], []),
        new ReportingUnit(HomeAffairs, "Sở Nội vụ", UnitLevel.So, From, null, [new ParentSpan(Province, From, null)], []),
    ]);

    public static ReportingCalendar Calendar => ReportingCalendar.Default;

    public static CatalogueSet Catalogues => CatalogueSet.Default;

    public static IndicatorCatalogue Catalogue => Catalogues.For(Q4);

    public static CheckContext Context(string? uploader = TinhKhe, PeriodKey? path = null, DateTimeOffset? now = null, IngestLimits? limits = null) =>
        new(uploader, path ?? Q4, now ?? Now, Registry, Calendar, Catalogues, limits ?? new IngestLimits());

    public static byte[] Template(string unit = TinhKhe, PeriodKey? period = null, IndicatorCatalogue? catalogue = null)
    {
        var p = Calendar.Get(period ?? Q4);
        using var ms = new MemoryStream();
        TemplateWriter.Write(Registry.FindByCode(unit, p.WindowEnd)!, p, catalogue ?? Catalogue, Registry, ms);
        return ms.ToArray();
    }

    public static CheckResult Check(byte[] file, CheckContext? context = null, string name = "baocao.xlsx") =>
        ReportChecker.Check(new MemoryStream(file), name, context ?? Context());

    /// <summary>A plausible full report: every input filled, every rule satisfied.</summary>
    public static Dictionary<string, object?> FullValues(IndicatorCatalogue? catalogue = null)
    {
        var c = catalogue ?? Catalogue;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var n = 10L;
        foreach (var i in c.Inputs)
        {
            values[i.Code] = i.Kind == IndicatorKind.Text ? $"Nội dung {i.NameVi.ToLowerInvariant()} của đơn vị." : n;
            n += 5;
        }
        // Satisfy every rule: parts no larger than wholes, people no fewer than meetings.
        foreach (var i in c.Inputs.Where(i => i.Rule is not null))
        {
            var rule = i.Rule!;
            var right = (long)values[rule.Right]!;
            values[rule.Left] = rule.Operator == RuleOperator.LessOrEqual ? right / 2 : right * 3;
        }
        return values;
    }
}

public static class WorkbookFacts
{
    /// <summary>The cell (e.g. "D18") that a template's defined name gives an indicator.</summary>
    public static string CellOf(byte[] file, string code)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file), false);
        var dn = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>()
            .Single(d => d.Name == TemplateNames.ForIndicator(code));
        return SheetCell.Parse(dn.Text)!.Address.ToString();
    }
}
