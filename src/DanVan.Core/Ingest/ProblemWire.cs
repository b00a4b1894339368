using System.Text.Json.Serialization;

namespace DanVan.Core.Ingest;

/// <summary>The one machine shape of a problem: `danvan check --json`, the Submissions table, the portal.</summary>
public sealed record ProblemWire(string Severity, string Code, string? Sheet, string? Cell, string? Indicator, string Message)
{
    /// <summary>A history warning's value (with <see cref="PreviousQuarter"/> and <see cref="SameQuarterLastYear"/>); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PreviousQuarter { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SameQuarterLastYear { get; init; }

    public static ProblemWire From(Problem p) => new(
        p.Severity == Catalogue.Severity.Error ? "error" : "warning", p.Code, p.Sheet, p.Cell, p.IndicatorCode, p.MessageVi)
    {
        Value = p.History?.Value,
        PreviousQuarter = p.History?.PreviousQuarter,
        SameQuarterLastYear = p.History?.SameQuarterLastYear,
    };
}
