using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Core.Templates;

namespace DanVan.Bench;

/// <summary>Real templates filled the way a clerk would: every numeric input and the three narratives.</summary>
public static class ReportFiles
{
    public const string Narrative =
        "Đã triển khai đầy đủ các văn bản chỉ đạo về công tác dân vận chính quyền; tăng cường đối thoại với Nhân dân, " +
        "giải quyết kịp thời kiến nghị của cử tri. Đề nghị tăng cường tập huấn kỹ năng dân vận cho cán bộ cơ sở.";

    public static byte[] Filled(ReportingUnit unit, ReportingPeriod period, IndicatorCatalogue catalogue, UnitRegistry registry, long value)
    {
        using var template = new MemoryStream();
        TemplateWriter.Write(unit, period, catalogue, registry, template);
        template.Position = 0;
        using var wb = new XLWorkbook(template);
        foreach (var indicator in catalogue.Inputs)
        {
            var cell = wb.NamedRange(TemplateNames.ForIndicator(indicator.Code)).Ranges.First().FirstCell();
            if (indicator.IsNumeric)
            {
                // One value for all: every "≤"/"≥" cross-field rule holds, so the report is accepted without warnings.
                cell.Value = value;
            }
            else
            {
                cell.SetValue(Narrative);
            }
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>Filled files for many units at once (both cores), in unit order.</summary>
    public static byte[][] ManyFilled(IReadOnlyList<ReportingUnit> units, ReportingPeriod period, IndicatorCatalogue catalogue, UnitRegistry registry)
    {
        var files = new byte[units.Count][];
        Parallel.For(0, units.Count, i => files[i] = Filled(units[i], period, catalogue, registry, 10 + (i % 90)));
        return files;
    }
}
