namespace DanVan.Core.Consolidate;

/// <summary>
/// Received of expected, never above 100%: only expected units count. <c>OnTime + Late = Received</c>,
/// <c>Received + Missing = Expected</c>; <see cref="CorrectedAfterDeadline"/> counts on-time units that
/// sent an accepted correction after the deadline (a subset of <see cref="OnTime"/>).
/// </summary>
public sealed record Completeness(int Expected, int Received, int OnTime, int Late, int Missing, int CorrectedAfterDeadline)
{
    public static Completeness Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Received / Expected in 0..1 (0 when nothing is expected).</summary>
    public double Ratio => Expected == 0 ? 0 : (double)Received / Expected;

    internal Completeness Add(UnitStatus status, bool corrected) => new(
        Expected + 1,
        Received + (status == UnitStatus.Missing ? 0 : 1),
        OnTime + (status == UnitStatus.OnTime ? 1 : 0),
        Late + (status == UnitStatus.Late ? 1 : 0),
        Missing + (status == UnitStatus.Missing ? 1 : 0),
        CorrectedAfterDeadline + (corrected ? 1 : 0));
}

/// <summary>Completeness of one scope (province, level or district with its communes).</summary>
public sealed record ScopeCompleteness(string Scope, string ScopeNameVi, Completeness Completeness);
