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
        TemplateWriter.Write(unit, rp, CatalogueSet.Default.Latest, UnitRegistry.Default, template);
        template.Position = 0;
        using var wb = new XLWorkbook(template);
        foreach (var (code, value) in values)
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

    /// <summary>Every numeric input of the catalogue set to one value.</summary>
    public static Dictionary<string, object> AllNumbers(long value) =>
        CatalogueSet.Default.Latest.Inputs.Where(i => i.IsNumeric).ToDictionary(i => i.Code, _ => (object)value);

    public static IXLCell InputCell(XLWorkbook wb, string code) =>
        wb.NamedRange(TemplateNames.ForIndicator(code)).Ranges.First().FirstCell();
}
