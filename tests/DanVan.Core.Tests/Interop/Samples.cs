using DanVan.Core.Ingest;
using DanVan.Core.Publish;
using DanVan.Core.Tests.Corpus;
using DanVan.Core.Tests.Publish;

namespace DanVan.Core.Tests.Interop;

/// <summary>The three workbooks DanVan hands out, built once for the whole matrix.</summary>
public static class Samples
{
    private static readonly Lazy<byte[]> LazyTemplate = new(() => World.Template());
    private static readonly Lazy<byte[]> LazyFeedback = new(BuildFeedback);
    private static readonly Lazy<byte[]> LazySummary = new(BuildSummary);

    public static byte[] Template => LazyTemplate.Value;

    /// <summary>The feedback for a full report with one word typed into <see cref="WrongCode"/>.</summary>
    public static byte[] Feedback => LazyFeedback.Value;

    /// <summary>The consolidated workbook of the publish tests' province (Q3 2025 after the merger).</summary>
    public static byte[] Summary => LazySummary.Value;

    public const string WrongCode = "LD_VANBAN";
    public const string WrongText = "không rõ";

    public static Dictionary<string, object?> FeedbackValues()
    {
        var values = World.FullValues();
        values[WrongCode] = WrongText;
        return values;
    }

    private static byte[] BuildFeedback()
    {
        var upload = Filler.Fill(Template, FeedbackValues());
        return Corpus.Feedback.Write(upload, World.Check(upload));
    }

    private static byte[] BuildSummary()
    {
        using var ms = new MemoryStream();
        SummaryWorkbook.Write(SummaryWorkbookTests.AfterMerger().Consolidate(DanVan.Core.Calendar.PeriodKey.ForQuarter(2025, 3)), ms);
        return ms.ToArray();
    }

}
