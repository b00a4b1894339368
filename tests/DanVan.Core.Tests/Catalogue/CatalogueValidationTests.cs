using DanVan.Core.Catalogue;

namespace DanVan.Core.Tests.Catalogue;

/// <summary>A broken catalogue is refused at load time, with a message naming the code.</summary>
public sealed class CatalogueValidationTests
{
    private const string Sections = CatalogueVersionTests.Sections;
    private const string Header = CatalogueVersionTests.Header;

    [Theory]
    [InlineData("A,I,1,x,y,count,,,\nA,I,2,x,y,count,,,\n", "A appears twice")]
    [InlineData("A,I,1,x,y,ratio,,,\n", "needs a numerator")]
    [InlineData("A,I,1,x,y,count,,,\nR,I,2,x,%,ratio,A,NOPE,\n", "denominator NOPE")]
    [InlineData("A,I,1,x,y,count,,,\nT,I,2,x,,text,,,\nR,I,3,x,%,ratio,A,T,\n", "must be a numeric input")]
    [InlineData("A,I,1,x,y,count,,,\nB,I,2,x,y,count,,,\nR,I,3,x,%,ratio,A,B,\nS,I,4,x,%,ratio,R,B,\n", "must be a numeric input")]
    [InlineData("A,I,1,x,y,count,,,<= NOPE\n", "rule target NOPE")]
    [InlineData("A,I,1,x,y,count,,,\nR,I,2,x,%,ratio,A,A,\nB,I,3,x,y,count,,,<= R\n", "rule target R")]
    [InlineData("A,I,1,x,y,count,,,<= A\n", "with itself")]
    [InlineData("A,I,1,x,y,count,,,\nT,I,2,x,,text,,,<= A\n", "not a numeric input")]
    [InlineData("A,IX,1,x,y,count,,,\n", "section IX")]
    [InlineData("A,I,1,x,y,gauge,,,\n", "unknown indicator kind")]
    [InlineData("A,I,1,x,y,count,A,A,\n", "not a ratio")]
    [InlineData("A,I,1,x,y,count,,,\nB,I,1,x,y,count,,,\n", "share order 1")]
    [InlineData("a_low,I,1,x,y,count,,,\n", "must be A–Z")]
    [InlineData("A,I,one,x,y,count,,,\n", "not a whole number")]
    [InlineData("A,I,1,,y,count,,,\n", "'name_vi' is blank")]
    [InlineData("A,I,1,x,y,count,,,< B\n", "is not '<= CODE'")]
    public void Integrity_errors_are_refused_with_a_clear_message(string rows, string message)
    {
        var ex = Assert.Throws<FormatException>(() => CatalogueLoader.Parse(9, Header + rows, Sections));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Missing_columns_and_bad_retired_values_are_refused()
    {
        Assert.Contains("kind", Assert.Throws<FormatException>(() => CatalogueLoader.Parse(9, "code,section,order,name_vi,unit_vi\n", Sections)).Message);
        var ex = Assert.Throws<FormatException>(() => CatalogueLoader.Parse(9, Header.TrimEnd() + ",retired\nA,I,1,x,y,count,,,,maybe\n", Sections));
        Assert.Contains("retired", ex.Message);
        Assert.Throws<FormatException>(() => CatalogueLoader.Parse(9, Header + "A,I,1,x,y,count,,,\n", "section,title_vi\nI,a\nI,b\n"));
    }

    [Fact]
    public void A_ratio_may_not_rest_on_a_retired_code()
    {
        var rows = Header.TrimEnd() + ",retired\nA,I,1,x,y,count,,,,yes\nB,I,2,x,y,count,,,,\nR,I,3,x,%,ratio,A,B,,\n";
        Assert.Contains("numerator A", Assert.Throws<FormatException>(() => CatalogueLoader.Parse(9, rows, Sections)).Message);
    }

    [Fact]
    public void Adding_an_indicator_is_a_data_change()
    {
        var c = CatalogueLoader.Parse(9, Header + "A,I,1,x,y,count,,,\nB,II,1,Mới,lần,snapshot,,,>= A (warn)\n", Sections);
        Assert.Equal(["A", "B"], c.Indicators.Select(i => i.Code));
        Assert.Equal(Severity.Warning, c["B"].Rule!.Severity);
    }
}
