using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace DanVan.Core.Publish;

/// <summary>One series of a chart: its name cell and its value cells (formulas on the summary sheet), with their values as cached.</summary>
internal sealed record ChartSeries(string NameRef, string Name, string ValuesRef, IReadOnlyList<double?> Values);

/// <summary>
/// A chart on "Tổng hợp": a line chart (trend over periods) or a horizontal bar chart (completeness by level),
/// anchored over cells (0-based columns and rows, end exclusive).
/// </summary>
internal sealed record ChartPlan(
    string TitleVi, bool Line, string CategoriesRef, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    string NumberFormat, int FromColumn, int FromRow, int ToColumn, int ToRow);

/// <summary>
/// Adds charts to a sheet of a saved package with the OpenXML SDK (ClosedXML 0.95.4 has no chart API). The series
/// refer to the cells of the sheet's tables, so a reader who edits a figure sees the chart follow; the caches carry
/// the same values for readers that do not recalculate. Relationship ids are fixed so the same result gives the same bytes.
/// </summary>
internal static class SummaryCharts
{
    public const string DrawingRelationshipId = "rIdDvCharts";

    public static void Add(Stream package, string sheetName, IReadOnlyList<ChartPlan> charts)
    {
        if (charts.Count == 0)
        {
            return;
        }
        using var document = SpreadsheetDocument.Open(package, true);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().First(s => s.Name?.Value == sheetName);
        var worksheetPart = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>(DrawingRelationshipId);
        var drawing = new Xdr.WorksheetDrawing();
        drawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        for (var i = 0; i < charts.Count; i++)
        {
            var id = $"rId{i + 1}";
            var chartPart = drawingsPart.AddNewPart<ChartPart>(id);
            chartPart.ChartSpace = Space(charts[i]);
            drawing.Append(Anchor(charts[i], id, (uint)(i + 2)));
        }
        drawingsPart.WorksheetDrawing = drawing;

        // <drawing> has its place in the worksheet's sequence: before the legacy drawings, tables and extensions.
        var worksheet = worksheetPart.Worksheet;
        var element = new S.Drawing { Id = DrawingRelationshipId };
        var before = worksheet.ChildElements.FirstOrDefault(e => e is S.LegacyDrawing or S.LegacyDrawingHeaderFooter or S.Picture
            or S.OleObjects or S.Controls or S.WebPublishItems or S.TableParts or S.WorksheetExtensionList);
        if (before is null)
        {
            worksheet.Append(element);
        }
        else
        {
            worksheet.InsertBefore(element, before);
        }
        worksheet.Save();
    }

    private static Xdr.TwoCellAnchor Anchor(ChartPlan plan, string chartId, uint shapeId) => new(
        new Xdr.FromMarker(new Xdr.ColumnId(plan.FromColumn.ToString(Inv)), new Xdr.ColumnOffset("0"), new Xdr.RowId(plan.FromRow.ToString(Inv)), new Xdr.RowOffset("0")),
        new Xdr.ToMarker(new Xdr.ColumnId(plan.ToColumn.ToString(Inv)), new Xdr.ColumnOffset("0"), new Xdr.RowId(plan.ToRow.ToString(Inv)), new Xdr.RowOffset("0")),
        new Xdr.GraphicFrame(
            new Xdr.NonVisualGraphicFrameProperties(
                new Xdr.NonVisualDrawingProperties { Id = shapeId, Name = plan.TitleVi },
                new Xdr.NonVisualGraphicFrameDrawingProperties()),
            new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        { Macro = "" },
        new Xdr.ClientData())
    { EditAs = Xdr.EditAsValues.OneCell };

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static C.ChartSpace Space(ChartPlan plan)
    {
        var space = new C.ChartSpace(
            new C.EditingLanguage { Val = "vi-VN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(
                    new C.ChartText(new C.RichText(
                        new A.BodyProperties(),
                        new A.ListStyle(),
                        new A.Paragraph(new A.Run(new A.RunProperties { Language = "vi-VN", FontSize = 1200, Bold = true }, new A.Text(plan.TitleVi))))),
                    new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                new C.PlotArea(new C.Layout(), plan.Line ? LineChart(plan) : BarChart(plan), CategoryAxis(plan), ValueAxis(plan)),
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }

    private static C.LineChart LineChart(ChartPlan plan)
    {
        var chart = new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false });
        for (var i = 0; i < plan.Series.Count; i++)
        {
            var s = plan.Series[i];
            chart.Append(new C.LineChartSeries(
                new C.Index { Val = (uint)i },
                new C.Order { Val = (uint)i },
                SeriesText(s),
                new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 6 }),
                Categories(plan),
                Values(plan, s),
                new C.Smooth { Val = false }));
        }
        chart.Append(new C.ShowMarker { Val = true }, new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
        return chart;
    }

    private static C.BarChart BarChart(ChartPlan plan)
    {
        var chart = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var i = 0; i < plan.Series.Count; i++)
        {
            var s = plan.Series[i];
            chart.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)i },
                new C.Order { Val = (uint)i },
                SeriesText(s),
                new C.InvertIfNegative { Val = false },
                new C.DataLabels(
                    new C.NumberingFormat { FormatCode = plan.NumberFormat, SourceLinked = false },
                    new C.ShowLegendKey { Val = false },
                    new C.ShowValue { Val = true },
                    new C.ShowCategoryName { Val = false },
                    new C.ShowSeriesName { Val = false },
                    new C.ShowPercent { Val = false },
                    new C.ShowBubbleSize { Val = false }),
                Categories(plan),
                Values(plan, s)));
        }
        chart.Append(new C.GapWidth { Val = 60 }, new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
        return chart;
    }

    private static C.SeriesText SeriesText(ChartSeries s) => new(new C.StringReference(
        new C.Formula(s.NameRef),
        new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(s.Name)) { Index = 0 })));

    private static C.CategoryAxisData Categories(ChartPlan plan)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)plan.Categories.Count });
        for (var i = 0; i < plan.Categories.Count; i++)
        {
            cache.Append(new C.StringPoint(new C.NumericValue(plan.Categories[i])) { Index = (uint)i });
        }
        return new C.CategoryAxisData(new C.StringReference(new C.Formula(plan.CategoriesRef), cache));
    }

    private static C.Values Values(ChartPlan plan, ChartSeries s)
    {
        var cache = new C.NumberingCache(new C.FormatCode(plan.NumberFormat), new C.PointCount { Val = (uint)s.Values.Count });
        for (var i = 0; i < s.Values.Count; i++)
        {
            // A blank cell stays a gap in the cache too: "not reported" is not zero.
            if (s.Values[i] is { } v)
            {
                cache.Append(new C.NumericPoint(new C.NumericValue(v.ToString("R", Inv))) { Index = (uint)i });
            }
        }
        return new C.Values(new C.NumberReference(new C.Formula(s.ValuesRef), cache));
    }

    private static C.CategoryAxis CategoryAxis(ChartPlan plan) => new(
        new C.AxisId { Val = 1 },
        new C.Scaling(new C.Orientation { Val = plan.Line ? C.OrientationValues.MinMax : C.OrientationValues.MaxMin }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = plan.Line ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
        new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        new C.CrossingAxis { Val = 2 },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.AutoLabeled { Val = true },
        new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
        new C.LabelOffset { Val = 100 },
        new C.NoMultiLevelLabels { Val = false });

    private static C.ValueAxis ValueAxis(ChartPlan plan)
    {
        var scaling = new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax });
        if (!plan.Line)
        {
            // Completeness runs from 0% to 100%: a fixed scale keeps a level at 40% from looking full.
            scaling.Append(new C.MaxAxisValue { Val = 1 }, new C.MinAxisValue { Val = 0 });
        }
        return new C.ValueAxis(
            new C.AxisId { Val = 2 },
            scaling,
            new C.Delete { Val = false },
            new C.AxisPosition { Val = plan.Line ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = plan.NumberFormat, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 1 },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
    }
}
