using DanVan.Core.Ingest;

namespace DanVan.Pipeline.Status;

/// <summary>The JSON shape of a period's status (English keys, Vietnamese names): the portal's /api/ky and `danvan status --json`.</summary>
public static class StatusJson
{
    public static object From(PeriodStatus s) => new
    {
        period = s.Period.Key.ToString(),
        name = s.Period.NameVi,
        expected = s.Expected,
        received = s.Received,
        late = s.Late,
        missing = s.Missing,
        publishedVersion = s.PublishedVersion,
        units = s.Units.Select(u => new
        {
            code = u.Code,
            name = u.Name,
            level = u.Level.ToString().ToUpperInvariant(),
            state = u.LastState?.Wire() ?? "missing",
            receivedUtc = u.ReceivedUtc,
            late = u.Late,
            version = u.Version,
            uploads = u.Uploads,
        }),
        submissions = s.Submissions.Select(r => new
        {
            id = r.Id,
            unit = r.UnitCode,
            file = r.FileName,
            state = r.State.Wire(),
            receivedUtc = r.ReceivedUtc,
            version = r.Version,
            current = r.IsCurrent,
            late = r.Late,
            errors = r.Errors,
            warnings = r.Warnings,
            message = r.SummaryVi,
            feedback = r.FeedbackBlob,
        }),
    };
}
