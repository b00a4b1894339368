namespace DanVan.Core.Ingest;

/// <summary>The one machine shape of a problem: `danvan check --json`, the Submissions table, the portal.</summary>
public sealed record ProblemWire(string Severity, string Code, string? Sheet, string? Cell, string? Indicator, string Message)
{
    public static ProblemWire From(Problem p) => new(
        p.Severity == Catalogue.Severity.Error ? "error" : "warning", p.Code, p.Sheet, p.Cell, p.IndicatorCode, p.MessageVi);
}
