namespace DanVan.Core.Ingest;

/// <summary>The one visible state every upload ends in.</summary>
public enum SubmissionOutcome
{
    /// <summary>Being processed (or retrying a fault that is not the file's).</summary>
    Received,
    Accepted,
    AcceptedWithWarnings,
    Rejected,
    SystemError,
}

public static class SubmissionOutcomeText
{
    /// <summary>The glossary's words for each state (docs/system-contract.md §7).</summary>
    public static string Vi(this SubmissionOutcome outcome) => outcome switch
    {
        SubmissionOutcome.Received => "đang xử lý",
        SubmissionOutcome.Accepted => "đã tiếp nhận",
        SubmissionOutcome.AcceptedWithWarnings => "đã tiếp nhận, có cảnh báo",
        SubmissionOutcome.Rejected => "không được tiếp nhận",
        _ => "lỗi hệ thống (cần xử lý)",
    };

    /// <summary>The machine word used by <c>--json</c> and storage.</summary>
    public static string Wire(this SubmissionOutcome outcome) => outcome switch
    {
        SubmissionOutcome.Received => "received",
        SubmissionOutcome.Accepted => "accepted",
        SubmissionOutcome.AcceptedWithWarnings => "accepted_with_warnings",
        SubmissionOutcome.Rejected => "rejected",
        _ => "system_error",
    };

    public static SubmissionOutcome ParseWire(string wire) => wire switch
    {
        "received" => SubmissionOutcome.Received,
        "accepted" => SubmissionOutcome.Accepted,
        "accepted_with_warnings" => SubmissionOutcome.AcceptedWithWarnings,
        "rejected" => SubmissionOutcome.Rejected,
        "system_error" => SubmissionOutcome.SystemError,
        _ => throw new FormatException($"Unknown submission state '{wire}'."),
    };

    public static bool IsAccepted(this SubmissionOutcome outcome) =>
        outcome is SubmissionOutcome.Accepted or SubmissionOutcome.AcceptedWithWarnings;
}
