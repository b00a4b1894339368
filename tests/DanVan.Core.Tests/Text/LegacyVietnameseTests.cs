using System.Text;
using DanVan.Core.Text;

namespace DanVan.Core.Tests.Text;

public sealed class LegacyVietnameseTests
{
    [Theory]
    [InlineData("Qu¶ng Ng·i", "Quảng Ngãi")]
    [InlineData("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam")]
    [InlineData("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("Tæ chøc ®èi tho¹i víi Nh©n d©n", "Tổ chức đối thoại với Nhân dân")]
    public void Converts_tcvn3(string garbled, string expected)
    {
        Assert.Equal(LegacyEncoding.Tcvn3, LegacyVietnamese.Detect(garbled));
        Assert.Equal(expected, LegacyVietnamese.Repair(garbled));
    }

    [Theory]
    [InlineData("Quaûng Ngaõi", "Quảng Ngãi")]
    [InlineData("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("ngöôøi daân toäc thieåu soá", "người dân tộc thiểu số")]
    [InlineData("QUAÛNG NGAÕI", "QUẢNG NGÃI")]
    public void Converts_vni(string garbled, string expected)
    {
        Assert.Equal(LegacyEncoding.Vni, LegacyVietnamese.Detect(garbled));
        Assert.Equal(expected, LegacyVietnamese.Repair(garbled));
    }

    [Theory]
    [InlineData("Quảng Ngãi")]
    [InlineData("Có")]
    [InlineData("Cà Mau")]
    [InlineData("Không có ý kiến")]
    [InlineData("Plain ASCII, 123")]
    [InlineData("")]
    public void Leaves_unicode_and_ascii_alone(string text)
    {
        Assert.Equal(LegacyEncoding.None, LegacyVietnamese.Detect(text));
        Assert.Equal(text, LegacyVietnamese.Repair(text));
    }

    [Fact]
    public void Normalises_decomposed_text_to_nfc()
    {
        var nfd = "Quảng Ngãi".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Quảng Ngãi", nfd);
        Assert.Equal("Quảng Ngãi", LegacyVietnamese.Repair(nfd));
    }
}
