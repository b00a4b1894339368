namespace DanVan.Core.Registry;

/// <summary>Level codes of docs/reporting-rules.md §2.</summary>
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
    /// <summary>This unit (or part of it) became part of the other unit.</summary>
    MergedInto,
    SplitFrom,
    RenamedTo,
    /// <summary>The other (later) unit version carries this unit's official code.</summary>
    CodeReusedBy,
    /// <summary>This unit carries the official code of the other (earlier) unit, possibly outside the registry.</summary>
    CodeReusedFrom,
}

/// <summary>A known link to another unit version; <see cref="OtherCode"/> + <see cref="OtherValidFrom"/> identify it.</summary>
public sealed record Lineage(LineageKind Kind, string OtherCode, DateOnly OtherValidFrom, string? Note)
{
    /// <summary>The other unit's name when it is outside the registry (e.g. a Kon Tum commune).</summary>
    public string? OtherName { get; init; }

    /// <summary>Set (e.g. "KT") when the other unit belonged to another province and is not in the registry.</summary>
    public string? OtherProvince { get; init; }

    public bool OutsideRegistry => OtherProvince is not null;
}

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
    /// <summary>Assumptions and remarks from the seed row (Vietnamese).</summary>
    public string? Note { get; init; }

    /// <summary>Where the row comes from (legal text or reference list).</summary>
    public string? Source { get; init; }

    public bool IsValidAt(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public bool Reports => Level != UnitLevel.Tinh;

    public string? ParentCodeAt(DateOnly date) => Parents.FirstOrDefault(p => p.Covers(date))?.ParentCode;
}
