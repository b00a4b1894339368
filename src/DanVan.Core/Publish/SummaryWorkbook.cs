using ClosedXML.Excel;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>The consolidated workbook leaders download ("báo cáo tổng hợp"), built from a result alone.</summary>
public static class SummaryWorkbook
{
    public static readonly IReadOnlyList<string> SheetNames =
        [SummarySheet.Name, UnitsSheet.Name, SubmissionsSheet.Name, NarrativesSheet.Name, SourcesSheet.Name];

    public static void Write(ConsolidationResult result, Stream output)
    {
        using var workbook = new XLWorkbook();
        // The default style sets Times New Roman for every cell without styling cells one by one.
        workbook.Style.Font.FontName = SheetKit.Font;
        workbook.Style.Font.FontSize = 11;
        // Document properties carry the build time, not the clock: the same result gives the same file content.
        workbook.Properties.Author = "Sở Nội vụ tỉnh Quảng Ngãi";
        workbook.Properties.Title = $"Báo cáo tổng hợp kết quả công tác dân vận - {result.Period.NameVi}";
        workbook.Properties.Created = result.BuiltUtc.UtcDateTime;
        workbook.Properties.Modified = result.BuiltUtc.UtcDateTime;

        var view = new ResultView(result);
        SummarySheet.Build(workbook, view);
        UnitsSheet.Build(workbook, view);
        SubmissionsSheet.Build(workbook, view);
        NarrativesSheet.Build(workbook, view);
        SourcesSheet.Build(workbook, view);
        workbook.SaveAs(output);
    }
}
