using System.Text.Json;
using DanVan.Core.Ingest;

namespace DanVan.Pipeline.Storage;

/// <summary>
/// One upload as pages, the status view and `danvan status` show it; the table row (<see cref="SubmissionRow"/>)
/// stays inside storage. <see cref="Period"/> is the row's partition: a quarter, or "_unidentified".
/// </summary>
public sealed record SubmissionView(
    string Period,
    string Id,
    string UnitCode,
    string FileName,
    SubmissionOutcome State,
    DateTimeOffset ReceivedUtc,
    int Version,
    bool IsCurrent,
    bool Late,
    int Errors,
    int Warnings,
    string? SummaryVi,
    string? FeedbackBlob,
    IReadOnlyList<ProblemWire> Problems)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static SubmissionView From(SubmissionRow row) => new(
        row.Partition, row.Id, row.UnitCode, row.FileName, row.State, row.ReceivedUtc, row.Version, row.IsCurrent, row.Late,
        row.Errors, row.Warnings, row.SummaryVi, row.FeedbackBlob, ParseProblems(row.ProblemsJson));

    private static IReadOnlyList<ProblemWire> ParseProblems(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<ProblemWire[]>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            // A damaged list must not hide the answer itself; the feedback workbook has every problem.
            return [];
        }
    }
}
