using ClosedXML.Excel;
using DanVan.Core.Publish;

namespace DanVan.Core.Tests.Publish;

public sealed class SheetKitTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+84 912")]
    [InlineData("'quoted")]
    public void Text_cells_keep_the_text_and_never_become_formulas(string text)
    {
        using var stream = new MemoryStream();
        using (var wb = new XLWorkbook())
        {
            wb.Worksheets.Add("S").Cell("A1").Text(text);
            wb.SaveAs(stream);
        }
        stream.Position = 0;
        using var reopened = new XLWorkbook(stream);
        var cell = reopened.Worksheet("S").Cell("A1");

        Assert.False(cell.HasFormula);
        Assert.Equal(text, cell.GetString());
    }
}
