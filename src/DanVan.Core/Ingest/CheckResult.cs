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
    /// <summary>
    /// What the uploader entered in each input cell (by indicator code), accepted or not: the feedback workbook
    /// writes these into a fresh template instead of re-serving the uploader's package.
    /// </summary>
    public IReadOnlyDictionary<string, CellContent> Entered { get; init; } = new Dictionary<string, CellContent>();

    public int ErrorCount => Problems.Count(p => p.Severity == Severity.Error);

    public int WarningCount => Problems.Count(p => p.Severity == Severity.Warning);

    public static CheckResult Rejected(TemplateIdentity? identity, IReadOnlyList<Problem> problems) =>
        new(SubmissionOutcome.Rejected, identity, [], problems);
}
