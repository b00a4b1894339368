using DanVan.Core.Ingest;
using DanVan.Pipeline.Status;

namespace DanVan.Web.Components;

/// <summary>A unit's tile on the dashboard: a class for colour, and a mark and a word so colour is never the only cue.</summary>
public sealed record TileState(string Css, string Mark, string Vi)
{
    public static readonly TileState OnTime = new("t-ontime", "✓", "đúng hạn");
    public static readonly TileState Late = new("t-late", "◷", "nộp muộn");
    public static readonly TileState Rejected = new("t-rejected", "✗", "không được tiếp nhận");
    public static readonly TileState Error = new("t-error", "!", "lỗi hệ thống");
    public static readonly TileState Processing = new("t-processing", "…", "đang xử lý");
    public static readonly TileState Missing = new("t-missing", "–", "chưa nộp");

    public static readonly TileState[] All = [OnTime, Late, Rejected, Error, Processing, Missing];

    public static TileState Of(UnitStatus u) => u.HasAcceptedReport
        ? (u.Late ? Late : OnTime)
        : u.LastState switch
        {
            SubmissionOutcome.Rejected => Rejected,
            SubmissionOutcome.SystemError => Error,
            SubmissionOutcome.Received => Processing,
            _ => Missing,
        };

    public static bool Matches(UnitStatus u, string? filter) => filter switch
    {
        "missing" => !u.HasAcceptedReport,
        "late" => u.HasAcceptedReport && u.Late,
        "rejected" => Of(u) == Rejected,
        _ => true,
    };
}
