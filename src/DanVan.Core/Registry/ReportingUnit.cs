namespace DanVan.Core.Registry;

/// <summary>Level codes of reporting-rules.md §2.</summary>
public enum UnitLevel
{
    /// <summary>The province: consolidates, does not report.</summary>
    Tinh,
    /// <summary>Provincial departments and units (sở, ban, ngành).</summary>
    So,
    /// <summary>District-level People's Committees (until 30 June 2025).</summary>
    Huyen,
    /// <summary>Commune-level People's Committees (xã, phường, thị trấn, đặc khu).</summary>
    Xa,
}

/// <summary>A parent valid over a date range (inclusive; <c>To</c> null = still valid).</summary>
public sealed record ParentSpan(string ParentCode, DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly date) => From <= date && (To is null || date <= To);
}

public enum LineageKind
{
    MergedInto,
    SplitFrom,
    RenamedTo,
    CodeReusedBy,
}

/// <summary>A known link to another unit version; <see cref="OtherCode"/> + <see cref="OtherValidFrom"/> identify it.</summary>
public sealed record Lineage(LineageKind Kind, string OtherCode, DateOnly OtherValidFrom, string? Note);

/// <summary>
/// One version of a unit. Official codes are reused across the 2025 merger, so a unit version is
/// identified by <c>(Code, ValidFrom)</c>; at any one date a code names at most one unit.
/// </summary>
public sealed record ReportingUnit(
    string Code,
    string Name,
    UnitLevel Level,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<ParentSpan> Parents,
    IReadOnlyList<Lineage> Lineage)
{
    public bool IsValidAt(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public bool Reports => Level != UnitLevel.Tinh;

    public string? ParentCodeAt(DateOnly date) => Parents.FirstOrDefault(p => p.Covers(date))?.ParentCode;
}
