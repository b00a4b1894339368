using DanVan.Core.Catalogue;
using DanVan.Core.Templates;

namespace DanVan.Core.Ingest;

/// <summary>The answer to one file: its state, what it is, its values (only when accepted) and every problem.</summary>
public sealed record CheckResult(
    SubmissionOutcome Outcome,
    TemplateIdentity? Identity,
    IReadOnlyList<ReportValue> Values,
    IReadOnlyList<Problem> Problems)
{
    public int ErrorCount => Problems.Count(p => p.Severity == Severity.Error);

    public int WarningCount => Problems.Count(p => p.Severity == Severity.Warning);

    public static CheckResult Rejected(TemplateIdentity? identity, IReadOnlyList<Problem> problems) =>
        new(SubmissionOutcome.Rejected, identity, [], problems);
}
