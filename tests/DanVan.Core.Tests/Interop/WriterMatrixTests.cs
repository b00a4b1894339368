namespace DanVan.Core.Tests.Interop;

/// <summary>
/// Writers × DanVan: the template filled by each common tool through its own API (or, for the desktop
/// spreadsheets, a filled file re-saved by them) is accepted with exactly the values written, and one word in a
/// number cell is refused at that cell. docs/templates-and-validation.md shows the matrix.
/// </summary>
[Collection("LibreOffice")]
public sealed class WriterMatrixTests
{
    public static TheoryData<string> Libraries => new(NodeLibraries.All);

    [SkippableTheory]
    [MemberData(nameof(Libraries))]
    public void Filled_by_a_javascript_library_by_defined_names(string library)
    {
        NodeLibraries.SkipUnlessAvailable();
        var full = Reports.Full();
        Reports.AssertAcceptedAsWritten(NodeLibraries.Write(library, Samples.Template, Reports.ByName(full)), full);
        Reports.AssertRejectedAtTheWrongCell(NodeLibraries.Write(library, Samples.Template, Reports.ByName(Reports.OneWrong())));
    }

    [Fact]
    public void Filled_through_the_OpenXML_SDK()
    {
        var full = Reports.Full();
        Reports.AssertAcceptedAsWritten(Reports.FilledBySdk(full), full);
        Reports.AssertRejectedAtTheWrongCell(Reports.FilledBySdk(Reports.OneWrong()));
    }

    [SkippableFact]
    public void Saved_by_Gnumeric()
    {
        Gnumeric.SkipUnlessAvailable();
        var full = Reports.Full();
        Reports.AssertAcceptedAsWritten(Gnumeric.Resave(Reports.FilledBySdk(full)), full);
        Reports.AssertRejectedAtTheWrongCell(Gnumeric.Resave(Reports.FilledBySdk(Reports.OneWrong())));
    }

    [SkippableFact]
    public void Saved_by_LibreOffice_Calc()
    {
        Calc.SkipUnlessAvailable();
        Reports.AssertAcceptedAsWritten(CalcCopies.Full, Reports.Full());
        Reports.AssertRejectedAtTheWrongCell(CalcCopies.OneWrong);
    }
}
