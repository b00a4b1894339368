using DanVan.Core.Registry;

namespace DanVan.Core.Consolidate;

/// <summary>
/// Scope codes of consolidated figures: <c>TINH</c> (the province), <c>LEVEL:SO</c> / <c>LEVEL:HUYEN</c> /
/// <c>LEVEL:XA</c> (every unit of a level, each counted once: LEVEL:HUYEN is the districts' own reports),
/// <c>HUYEN:&lt;code&gt;</c> (a district's own report plus its communes, before 1 July 2025) and
/// <c>UNIT:&lt;code&gt;</c> (one unit).
/// </summary>
public static class Scopes
{
    public const string Province = "TINH";

    public static string Level(UnitLevel level) => "LEVEL:" + level.ToString().ToUpperInvariant();

    public static string District(string code) => "HUYEN:" + code;

    public static string Unit(string code) => "UNIT:" + code;

    public const string ProvinceNameVi = "Toàn tỉnh";

    public static string LevelNameVi(UnitLevel level) => level switch
    {
        UnitLevel.So => "Sở, ban, ngành",
        UnitLevel.Huyen => "UBND cấp huyện",
        UnitLevel.Xa => "UBND cấp xã",
        _ => "Tỉnh",
    };
}
