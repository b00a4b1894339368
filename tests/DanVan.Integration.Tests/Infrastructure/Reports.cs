using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Core.Templates;

namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>Real templates, filled the way a clerk would: by typing into the input cells.</summary>
public static class Reports
{
    public static byte[] Filled(string unitCode, PeriodKey period, IReadOnlyDictionary<string, object> values)
    {
        var rp = ReportingCalendar.Default.Get(period);
        var unit = UnitRegistry.Default.FindByCode(unitCode, rp.WindowEnd) ?? throw new ArgumentException($"No unit {unitCode} at {rp.WindowEnd}.");
        using var template = new MemoryStream();
        var catalogue = CatalogueSet.Default.For(period);
        TemplateWriter.Write(unit, rp, catalogue, UnitRegistry.Default, template);
        template.Position = 0;
        using var wb = new XLWorkbook(template);
        // AllNumbers covers every version's inputs; a code another version has but this period's template does not is not typed.
        foreach (var (code, value) in values.Where(v => catalogue.Find(v.Key) is not null || !CatalogueSet.Default.AllCodes.Contains(v.Key)))
        {
            var cell = InputCell(wb, code);
            if (value is string s)
            {
                cell.SetValue(s);
            }
            else
            {
                cell.Value = value;
            }
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>Every numeric input of every catalogue version set to one value (Filled types those its period's template has).</summary>
    public static Dictionary<string, object> AllNumbers(long value) =>
        CatalogueSet.Default.Versions.SelectMany(v => v.Inputs).Where(i => i.IsNumeric)
            .Select(i => i.Code).Distinct().ToDictionary(c => c, _ => (object)value);

    public static IXLCell InputCell(XLWorkbook wb, string code) =>
        wb.NamedRange(TemplateNames.ForIndicator(code)).Ranges.First().FirstCell();
}
