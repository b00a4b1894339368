using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClosedXML.Excel;
using DanVan.Core.Publish;
using DanVan.Core.Tests.Templates;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Tests.Publish;

/// <summary>The consolidated workbook at a glance: its charts, its validity, and how it prints on A4.</summary>
public sealed partial class GlanceTests
{
    private static readonly DanVan.Core.Calendar.PeriodKey Q3 = DanVan.Core.Tests.Consolidate.TestProvince.Q(2025, 3);

    /// <summary>Below this an A4 page is no longer read without a magnifier (11 pt prints under 6.6 pt).</summary>
    private const double ReadableScale = 0.6;

    private static byte[] Workbook() => Workbook(SummaryWorkbookTests.AfterMerger().Consolidate(Q3));

    private static byte[] Workbook(DanVan.Core.Consolidate.ConsolidationResult result)
    {
        using var stream = new MemoryStream();
        SummaryWorkbook.Write(result, stream);
        return stream.ToArray();
    }

    private static List<(string Title, string[] Formulas)> Charts(byte[] package)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(package), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<S.Sheet>().First(s => s.Name == "Tổng hợp");
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        Assert.NotNull(part.Worksheet.GetFirstChild<S.Drawing>());
        return part.DrawingsPart!.ChartParts.Select(c => (
            string.Concat(c.ChartSpace.Descendants<C.Title>().First().Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text)),
            c.ChartSpace.Descendants<C.Formula>().Select(f => f.Text).ToArray())).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Cells(XLWorkbook wb, string formula)
    {
        var m = Reference().Match(formula);
        Assert.True(m.Success, formula);
        var ws = wb.Worksheet(m.Groups["sheet"].Value.Replace("''", "'", StringComparison.Ordinal));
        return ws.Range(m.Groups["range"].Value.Replace("$", "", StringComparison.Ordinal)).Cells().Select(c => c.GetString());
    }

    [GeneratedRegex(@"^'(?<sheet>(?:[^']|'')+)'!(?<range>\$[A-Z]+\$\d+(?::\$[A-Z]+\$\d+)?)$")]
    private static partial Regex Reference();

    [Fact]
    public void Summary_sheet_carries_a_trend_chart_and_a_completeness_chart_over_its_own_tables()
    {
        var result = SummaryWorkbookTests.AfterMerger().Consolidate(Q3);
        var package = Workbook(result);
        var charts = Charts(package);
        using var wb = new XLWorkbook(new MemoryStream(package));

        Assert.Equal(["Diễn biến các chỉ tiêu chính toàn tỉnh", "Tỷ lệ đơn vị đã gửi báo cáo theo cấp"], charts.Select(c => c.Title));

        // Trend: the categories are the compared periods oldest first; each series is an indicator row of table III.
        var trend = charts[0].Formulas;
        Assert.Equal(["Quý III năm 2024", "Quý II năm 2025", "Quý III năm 2025"], Cells(wb, trend[1]));
        Assert.Equal(result.NumericIndicators[0].NameVi, Cells(wb, trend[0]).Single());
        Assert.Equal(["1300", "1000", "1240"], Cells(wb, trend[2]));

        // Completeness: the level lines of table II and their "Tỷ lệ đã nhận".
        var completeness = charts[1].Formulas;
        Assert.Equal("Tỷ lệ đã nhận", Cells(wb, completeness[0]).Single());
        Assert.Equal(result.CompletenessByScope.Where(s => s.Scope.StartsWith("LEVEL:", StringComparison.Ordinal)).Select(s => s.ScopeNameVi), Cells(wb, completeness[1]));
        Assert.Equal(
            result.CompletenessByScope.Where(s => s.Scope.StartsWith("LEVEL:", StringComparison.Ordinal)).Select(s => Math.Round(s.Completeness.Ratio, 4)),
            Cells(wb, completeness[2]).Select(v => Math.Round(double.Parse(v, CultureInfo.InvariantCulture), 4)));
    }

    [Fact]
    public void The_OpenXml_validator_finds_no_error()
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(Workbook()), false);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();
        Assert.Empty(errors);
    }

    [Fact]
    public void Every_sheet_prints_at_a_readable_scale_by_its_page_setup()
    {
        using var wb = new XLWorkbook(new MemoryStream(Workbook()));
        foreach (var ws in wb.Worksheets)
        {
            Assert.True(EffectiveScale(ws) >= ReadableScale, $"{ws.Name} prints at {EffectiveScale(ws):P0}");
        }
        var units = wb.Worksheet("Theo đơn vị");
        // The unit columns repeat on every page-wide block of figures.
        Assert.Equal(1, units.PageSetup.FirstColumnToRepeatAtLeft);
        Assert.Equal(4, units.PageSetup.LastColumnToRepeatAtLeft);
    }

    /// <summary>
    /// The scale a sheet prints at: its fixed scale, or for fit-to-width the printable A4 width over the used columns'
    /// width (Excel's column width unit is about 7 px at 96 dpi, plus 5 px padding).
    /// </summary>
    private static double EffectiveScale(IXLWorksheet ws)
    {
        var p = ws.PageSetup;
        if (p.PagesWide <= 0)
        {
            return p.Scale / 100.0;
        }
        var paperInches = p.PageOrientation == XLPageOrientation.Landscape ? 297 / 25.4 : 210 / 25.4;
        var printable = (paperInches - p.Margins.Left - p.Margins.Right) * 96 * p.PagesWide;
        var width = Enumerable.Range(1, ws.LastColumnUsed()!.ColumnNumber()).Sum(c => ws.Column(c).Width * 7 + 5);
        return Math.Min(1, printable / width);
    }

    [SkippableFact]
    public void LibreOffice_prints_it_on_A4_pages_with_text_of_a_readable_size()
    {
        LibreOffice.SkipUnlessAvailable();
        Skip.If(Poppler.Missing, "poppler-utils (pdftotext) is not installed.");
        var workbook = Workbook();
        // DANVAN_DOCS_OUT=dir keeps the workbook and its PDF (docs/consolidation.md's pictures are rendered from them).
        if (Environment.GetEnvironmentVariable("DANVAN_DOCS_OUT") is { Length: > 0 } docs)
        {
            File.WriteAllBytes(Path.Combine(docs, "tong-hop.xlsx"), workbook);
        }
        var pdf = LibreOffice.Convert(workbook, "xlsx", "pdf");
        if (Environment.GetEnvironmentVariable("DANVAN_DOCS_OUT") is { Length: > 0 } docsPdf)
        {
            File.WriteAllBytes(Path.Combine(docsPdf, "tong-hop.pdf"), pdf);
        }
        var pages = Poppler.Words(pdf);

        // Five sheets; the per-unit sheet in page-wide blocks of figure columns: more pages than sheets, each A4.
        Assert.InRange(pages.Count, 7, 40);
        Assert.All(pages, p => Assert.InRange(Math.Max(p.Width, p.Height), 838, 846));
        // Body text prints at 6.6 pt or more on every page (the median word height is the body font's line box).
        Assert.All(pages, p => Assert.True(p.MedianWordHeight >= 6.6, $"page {p.Number}: {p.MedianWordHeight:F1} pt"));
        // The unit names (column C) are on every page of the per-unit sheet: the print titles repeat them.
        // pdftotext splits words at stacked diacritics ("Đ ơ n v ị"): text is compared without spaces.
        // The per-unit sheet's pages run from the first with the unit columns to the next sheet's title.
        var unitPages = pages.SkipWhile(p => !p.Text.Contains("Mãđơnvị", StringComparison.Ordinal))
            .TakeWhile(p => !p.Text.Contains("TÌNHHÌNHGỬIBÁOCÁO-", StringComparison.Ordinal)).ToArray();
        Assert.True(unitPages.Length >= 3, "the per-unit sheet prints in several page-wide blocks");
        Assert.All(unitPages, p => Assert.Contains("Đơnvịbáocáo", p.Text, StringComparison.Ordinal));
        Assert.All(unitPages, p => Assert.Contains("SO1", p.Text, StringComparison.Ordinal));
    }
}

/// <summary>pdftotext -bbox (poppler-utils): the words of each page with their boxes.</summary>
internal static class Poppler
{
    public static bool Missing => !File.Exists("/usr/bin/pdftotext") && !File.Exists("/usr/local/bin/pdftotext");

    public sealed record Page(int Number, double Width, double Height, double MedianWordHeight, string Text);

    public static List<Page> Words(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-pdf-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var output = Path.Combine(dir.FullName, "out.html");
            using (var process = Process.Start(new ProcessStartInfo("pdftotext", ["-bbox", input, output]) { RedirectStandardError = true })!)
            {
                process.WaitForExit();
                Assert.Equal(0, process.ExitCode);
            }
            XNamespace h = "http://www.w3.org/1999/xhtml";
            var doc = XDocument.Load(output);
            var n = 0;
            return doc.Descendants(h + "page").Select(p =>
            {
                var words = p.Elements(h + "word").ToArray();
                var heights = words.Select(w => D(w, "yMax") - D(w, "yMin")).Order().ToArray();
                return new Page(++n, D(p, "width"), D(p, "height"), heights.Length == 0 ? 99 : heights[heights.Length / 2],
                    string.Concat(words.Select(w => w.Value)));
            }).ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static double D(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
