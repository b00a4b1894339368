namespace DanVan.Core.Registry;

/// <summary>Seed codes and Vietnamese names of <see cref="UnitLevel"/>.</summary>
public static class UnitLevels
{
    public static string Code(UnitLevel level) => level switch
    {
        UnitLevel.Tinh => "TINH",
        UnitLevel.So => "SO",
        UnitLevel.Huyen => "HUYEN",
        _ => "XA",
    };

    public static UnitLevel Parse(string code) => code.Trim().ToUpperInvariant() switch
    {
        "TINH" => UnitLevel.Tinh,
        "SO" => UnitLevel.So,
        "HUYEN" => UnitLevel.Huyen,
        "XA" => UnitLevel.Xa,
        _ => throw new FormatException($"Unknown unit level '{code}' (expected TINH, SO, HUYEN or XA)."),
    };

    /// <summary>The glossary term for the level, as people read it (docs/system-contract.md §7).</summary>
    public static string NameVi(UnitLevel level) => level switch
    {
        UnitLevel.Tinh => "UBND tỉnh",
        UnitLevel.So => "sở, ban, ngành",
        UnitLevel.Huyen => "UBND cấp huyện",
        _ => "UBND cấp xã",
    };
}
