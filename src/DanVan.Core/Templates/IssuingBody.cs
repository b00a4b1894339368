using DanVan.Core.Registry;

namespace DanVan.Core.Templates;

/// <summary>Names of issuing bodies as the Decree 30 header prints them (in capitals).</summary>
public static class IssuingBody
{
    public const string ProvinceBody = "UBND TỈNH QUẢNG NGÃI";

    public const string Place = "Quảng Ngãi";

    /// <summary>"Xã Tịnh Khê" → "UBND XÃ TỊNH KHÊ"; departments keep their own name ("SỞ NỘI VỤ").</summary>
    public static string Of(ReportingUnit unit)
    {
        var name = unit.Name.Trim();
        var folded = UnitNames.Fold(name);
        var isCommittee = folded.StartsWith("ubnd", StringComparison.Ordinal) || folded.StartsWith("uy ban nhan dan", StringComparison.Ordinal);
        var upper = name.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        return unit.Level switch
        {
            UnitLevel.So => upper,
            UnitLevel.Tinh when !isCommittee && !folded.StartsWith("tinh ", StringComparison.Ordinal) => "UBND TỈNH " + upper,
            _ when isCommittee => upper.Replace("ỦY BAN NHÂN DÂN", "UBND", StringComparison.Ordinal),
            _ => "UBND " + upper,
        };
    }

    /// <summary>The body above the unit: its parent at the date, or the province.</summary>
    public static string ParentOf(ReportingUnit unit, UnitRegistry registry, DateOnly at)
    {
        var parentCode = unit.ParentCodeAt(at);
        var parent = parentCode is null ? null : registry.FindByCode(parentCode, at);
        return parent is null ? ProvinceBody : Of(parent);
    }
}
