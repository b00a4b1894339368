using System.Text;
using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Registry;

/// <summary>Names as clerks type them: prefixes, case, NFD, missing diacritics, extra spaces, abbreviations.</summary>
public sealed class NameLookupTests
{
    private static readonly UnitRegistry Registry = UnitRegistry.Default;

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Codes(string name, string date) =>
        string.Join(',', Registry.FindByName(name, D(date)).Select(u => u.Code).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("Xã Tịnh Khê", "2025-07-01", "21211")]
    [InlineData("UBND xã Tịnh Khê", "2025-07-01", "21211")]
    [InlineData("Ủy ban nhân dân xã Tịnh Khê", "2025-07-01", "21211")]
    [InlineData("xa tinh khe", "2025-07-01", "21211")]
    [InlineData("  XÃ   TỊNH KHÊ ", "2025-07-01", "21211")]
    [InlineData("Tịnh Khê", "2025-07-01", "21211")]
    [InlineData("Phường  Cẩm Thành", "2025-07-01", "21025")]
    [InlineData("P. Cẩm Thành", "2025-07-01", "21025")]
    [InlineData("TP. Quảng Ngãi", "2025-03-01", "522")]
    [InlineData("TP.Quảng Ngãi", "2025-03-01", "522")]
    [InlineData("UBND TP Quảng Ngãi", "2025-03-01", "522")]
    [InlineData("thanh pho quang ngai", "2016-09-14", "522")]
    [InlineData("Thị xã Đức Phổ", "2025-03-01", "534")]
    [InlineData("Đặc khu Lý Sơn", "2025-07-01", "21548")]
    [InlineData("dac khu ly son", "2025-07-01", "21548")]
    [InlineData("Huyện Lý Sơn", "2025-03-01", "536")]
    [InlineData("Xã Ia H'Drai", "2025-07-01", "")]
    [InlineData("Sở Lao động, Thương binh và Xã hội", "2024-01-01", "SO-LDTBXH")]
    [InlineData("so nong nghiep va moi truong", "2025-07-01", "SO-NNMT")]
    [InlineData("Xã Nghĩa Dũng", "2025-06-30", "21034")]
    [InlineData("Xã Nghĩa Dũng", "2025-07-01", "")]          // merged away: not valid any more
    [InlineData("Xã Không Có", "2025-07-01", "")]
    [InlineData("", "2025-07-01", "")]
    public void Finds_units_by_messy_names(string name, string date, string codes) =>
        Assert.Equal(codes, Codes(name, date));

    [Fact]
    public void NFD_input_finds_the_NFC_name()
    {
        var nfd = "UBND Xã Tịnh Khê".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("UBND Xã Tịnh Khê", nfd);
        Assert.Equal("21211", Assert.Single(Registry.FindByName(nfd, D("2025-07-01"))).Code);
    }

    [Theory]
    [InlineData("Xã Ba Tơ", "2025-07-01", "21484")]          // diacritics decide between Ba Tơ and Ba Tô
    [InlineData("Xã Ba Tô", "2025-07-01", "21523")]
    [InlineData("xa ba to", "2025-07-01", "21484,21523")]    // a real tie returns both
    [InlineData("Huyện Ba Tơ", "2025-03-01", "535")]         // the written type decides
    [InlineData("Thị trấn Ba Tơ", "2025-03-01", "21484")]
    [InlineData("UBND huyen Ba To", "2025-03-01", "535")]
    [InlineData("Ba Tơ", "2025-03-01", "21484,535")]
    [InlineData("Phường Nguyễn Nghiêm", "2025-03-01", "21025,21439")] // two wards of that name
    public void Ambiguous_names_prefer_the_closer_match(string name, string date, string codes) =>
        Assert.Equal(codes, Codes(name, date));

    [Theory]
    [InlineData("UBND Xã Tịnh Khê", "tinh khe")]
    [InlineData("Thị Trấn Châu Ổ", "chau o")]
    [InlineData("Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi")]
    [InlineData("Đắk Hà", "dak ha")]
    [InlineData("Xã", "xa")]
    public void Keys_fold_prefixes_diacritics_and_punctuation(string name, string key) =>
        Assert.Equal(key, UnitNames.Key(name));

    [Fact]
    public void Fold_removes_diacritics_and_collapses_spaces()
    {
        Assert.Equal("phuong cam thanh", UnitNames.Fold("Phường   Cẩm  Thành"));
        Assert.Equal("dac khu ly son", UnitNames.Fold("ĐẶC KHU LÝ SƠN".Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Every_current_unit_is_found_by_its_own_name()
    {
        var at = D("2025-07-01");
        Assert.All(Registry.ReportingAt(at), u => Assert.Contains(u, Registry.FindByName(u.Name, at)));
        var q1 = D("2025-03-14");
        Assert.All(Registry.ReportingAt(q1), u => Assert.Contains(u, Registry.FindByName("UBND " + u.Name.ToUpperInvariant(), q1)));
    }
}
