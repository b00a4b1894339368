using DanVan.Core.Calendar;

namespace DanVan.Core.Consolidate;

/// <summary>One unit's narrative field (text indicator) of one quarter, as the unit wrote it.</summary>
public sealed record NarrativeRow(string UnitCode, string UnitNameVi, PeriodKey Quarter, string IndicatorCode, string Text);
