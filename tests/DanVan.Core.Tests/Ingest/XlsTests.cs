using System.Text;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;
using DanVan.Core.Tests.Templates;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Tests.Ingest;

/// <summary>
/// Excel 97–2003 uploads and the hidden code column: a template re-saved as .xls by LibreOffice reads as the
/// .xlsx does; wrong values are named by their cell; macros, encryption, other compound files and truncated files
/// are refused with the usual messages; an .xlsx that lost its names is read through the code column.
/// </summary>
public sealed class XlsTests
{
    private static readonly Lazy<(byte[] Xlsx, byte[] Xls)> Filled = new(() =>
    {
        LibreOffice.SkipUnlessAvailable();
        var xlsx = Filler.Fill(World.Template(), World.FullValues());
        return (xlsx, LibreOffice.Convert(xlsx, "xlsx", "xls"));
    });

    private static (byte[] Xlsx, byte[] Xls) Pair()
    {
        LibreOffice.SkipUnlessAvailable();
        return Filled.Value;
    }

    [SkippableFact]
    public void Libreoffice_xls_is_accepted_with_the_same_values_as_the_xlsx()
    {
        var (xlsx, xls) = Pair();
        Assert.True(xls.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }), "soffice wrote no compound file.");
        var fromXlsx = World.Check(xlsx);
        var fromXls = World.Check(xls, name: "baocao.xls");
        Assert.Equal(SubmissionOutcome.Accepted, fromXlsx.Outcome);
        Assert.True(fromXls.Outcome == SubmissionOutcome.Accepted, string.Join("\n", fromXls.Problems.Select(p => p.Code + ": " + p.MessageVi)));
        Assert.Equal(fromXlsx.Identity, fromXls.Identity);
        Assert.Equal(
            fromXlsx.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)),
            fromXls.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)));
    }
}
