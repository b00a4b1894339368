using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Interop;

/// <summary>The values a writer puts into the template, and what DanVan must make of them.</summary>
public static class Reports
{
    /// <summary>Every input, typed as a person would: numbers as numbers, narratives as text (Vietnamese, with a leading '=').</summary>
    public static Dictionary<string, object> Full()
    {
        var values = World.FullValues().ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        values["NX_KIENNGHI"] = "=Đề nghị tăng cường đối thoại; \"trích dẫn\" & <thẻ>";
        return values;
    }

    public static Dictionary<string, object> OneWrong()
    {
        var values = Full();
        values[Samples.WrongCode] = Samples.WrongText;
        return values;
    }

    /// <summary>Keyed by defined name, as the Node scripts set them.</summary>
    public static Dictionary<string, object> ByName(IReadOnlyDictionary<string, object> values) =>
        values.ToDictionary(kv => TemplateNames.ForIndicator(kv.Key), kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Filled straight through the OpenXML SDK (the test corpus' filler).</summary>
    public static byte[] FilledBySdk(IReadOnlyDictionary<string, object> values) =>
        Filler.Fill(Samples.Template, values.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));

    public static void AssertAcceptedAsWritten(byte[] file, IReadOnlyDictionary<string, object> written)
    {
        var result = World.Check(file);
        Assert.True(result.Outcome == SubmissionOutcome.Accepted, string.Join("; ", result.Problems.Select(p => $"{p.Code} {p.Cell} {p.MessageVi}")));
        Assert.Equal(new TemplateIdentity(TemplateNames.ReportTemplateId, TemplateWriter.CurrentVersion, World.Catalogue.Version, World.TinhKhe, World.Q4), result.Identity);
        Assert.Equal(World.Catalogue.Inputs.Count(), result.Values.Count);
        foreach (var value in result.Values)
        {
            var indicator = World.Catalogue.Inputs.Single(i => i.Code == value.IndicatorCode);
            if (indicator.Kind == IndicatorKind.Text)
            {
                Assert.Equal((value.IndicatorCode, (string)written[value.IndicatorCode]), (value.IndicatorCode, value.Text));
            }
            else
            {
                Assert.Equal((value.IndicatorCode, (long?)Convert.ToInt64(written[value.IndicatorCode], System.Globalization.CultureInfo.InvariantCulture)), (value.IndicatorCode, value.Number));
            }
        }
    }

    public static void AssertRejectedAtTheWrongCell(byte[] file)
    {
        var result = World.Check(file);
        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.NotANumber, problem.Code);
        Assert.Equal(TemplateNames.ReportSheet, problem.Sheet);
        Assert.Equal(WorkbookFacts.CellOf(Samples.Template, Samples.WrongCode), problem.Cell);
    }
}

/// <summary>One LibreOffice run for the whole matrix: the two filled reports and DanVan's three workbooks.</summary>
public static class CalcCopies
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Copies = new(() => Calc.Resave(
        Reports.FilledBySdk(Reports.Full()), Reports.FilledBySdk(Reports.OneWrong()), Samples.Template, Samples.Feedback, Samples.Summary));

    public static byte[] Full => Copies.Value[0];

    public static byte[] OneWrong => Copies.Value[1];

    public static byte[] Of(string workbook) => Copies.Value[2 + Array.IndexOf(Expected.Workbooks, workbook)];
}
