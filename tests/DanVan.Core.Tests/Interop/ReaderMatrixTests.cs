namespace DanVan.Core.Tests.Interop;

/// <summary>
/// DanVan × readers: each common tool opens the template, the feedback workbook and the consolidated workbook
/// and reads the expected sheets, named cells and values. docs/templates-and-validation.md shows the matrix.
/// </summary>
[Collection("LibreOffice")]
public sealed class ReaderMatrixTests
{
    public static TheoryData<string, string> JavaScript()
    {
        var data = new TheoryData<string, string>();
        foreach (var library in NodeLibraries.All)
        {
            foreach (var workbook in Expected.Workbooks)
            {
                data.Add(library, workbook);
            }
        }
        return data;
    }

    public static TheoryData<string> Workbooks => new(Expected.Workbooks);

    [SkippableTheory]
    [MemberData(nameof(JavaScript))]
    public void Read_by_a_javascript_library(string library, string workbook)
    {
        NodeLibraries.SkipUnlessAvailable();
        var expected = Expected.For(workbook);
        expected.AssertRead(NodeLibraries.Read(library, Expected.Bytes(workbook), expected.Names.Keys, expected.Cells.Keys));
    }

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Valid_for_the_OpenXML_SDK_and_read_by_it(string workbook)
    {
        var bytes = Expected.Bytes(workbook);
        Assert.Empty(OpenXmlSdk.Validate(bytes));
        var expected = Expected.For(workbook);
        expected.AssertRead(OpenXmlSdk.Read(bytes, expected.Names.Keys, expected.Cells.Keys));
    }

    [SkippableTheory]
    [MemberData(nameof(Workbooks))]
    public void Opened_by_Gnumeric(string workbook)
    {
        Gnumeric.SkipUnlessAvailable();
        var expected = Expected.For(workbook);
        var copy = Gnumeric.Resave(Expected.Bytes(workbook));
        // Gnumeric 1.12 saves a very hidden sheet as visible: the identity sheet shows in its copy (the values stay).
        expected.AssertRead(OpenXmlSdk.Read(copy, expected.Names.Keys, expected.Cells.Keys), checkHidden: false);
    }

    [SkippableTheory]
    [MemberData(nameof(Workbooks))]
    public void Opened_by_LibreOffice_Calc(string workbook)
    {
        Calc.SkipUnlessAvailable();
        var expected = Expected.For(workbook);
        expected.AssertRead(OpenXmlSdk.Read(CalcCopies.Of(workbook), expected.Names.Keys, expected.Cells.Keys));
    }
}
