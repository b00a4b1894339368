namespace DanVan.Core.Registry;

/// <summary>
/// A date range for which the registry knowingly lacks units of some levels (e.g. the 2020–2024
/// commune list). Stated as data so that nobody mistakes "no units" for "nobody had to report".
/// </summary>
public sealed record RegistryGap(DateOnly From, DateOnly To, IReadOnlyList<UnitLevel> Levels, string NoteVi, string NoteEn, string? Source)
{
    public bool Covers(DateOnly date) => From <= date && date <= To;
}
