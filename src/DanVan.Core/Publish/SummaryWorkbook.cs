using ClosedXML.Excel;
using DanVan.Core.Consolidate;
using DanVan.Core.Packaging;

namespace DanVan.Core.Publish;

/// <summary>
/// The consolidated workbook leaders download ("báo cáo tổng hợp"), built from a result alone.
/// ClosedXML writes "Tổng hợp" and the skeletons (headers, widths, page setup, print titles, frozen panes) of the
/// four long sheets; their body rows are then streamed into the package (<see cref="BodySplicer"/>).
/// </summary>
public static class SummaryWorkbook
{
    public static readonly IReadOnlyList<string> SheetNames =
        [SummarySheet.Name, UnitsSheet.Name, SubmissionsSheet.Name, NarrativesSheet.Name, SourcesSheet.Name];

    public static void Write(ConsolidationResult result, Stream output)
    {
        var view = new ResultView(result);
        using var skeleton = new MemoryStream();
        IReadOnlyList<StreamedBody> bodies;
        using (var workbook = new XLWorkbook())
        {
            // The default style sets Times New Roman for every cell without styling cells one by one.
            workbook.Style.Font.FontName = SheetKit.Font;
            workbook.Style.Font.FontSize = 11;
            // Document properties carry the build time, not the clock.
            workbook.Properties.Author = "Sở Nội vụ tỉnh Quảng Ngãi";
            workbook.Properties.Title = $"Báo cáo tổng hợp kết quả công tác dân vận - {result.Period.NameVi}";
            workbook.Properties.Created = result.BuiltUtc.UtcDateTime;
            workbook.Properties.Modified = result.BuiltUtc.UtcDateTime;

            var charts = SummarySheet.Build(workbook, view);
            bodies =
            [
                UnitsSheet.Build(workbook, view),
                SubmissionsSheet.Build(workbook, view),
                NarrativesSheet.Build(workbook, view),
                SourcesSheet.Build(workbook, view),
            ];
            // Charts are drawn with the OpenXML SDK on ClosedXML's package, then normalised before splicing: the skeleton
            // is small, and the splicer writes the body rows in the skeleton's spelling.
            using var saved = new MemoryStream();
            workbook.SaveAs(saved);
            SummaryCharts.Add(saved, SummarySheet.Name, charts);
            saved.Position = 0;
            PackageNormalizer.Normalize(saved, skeleton);
        }
        skeleton.Position = 0;
        BodySplicer.Splice(skeleton, bodies, output, result.BuiltUtc);
    }
}
