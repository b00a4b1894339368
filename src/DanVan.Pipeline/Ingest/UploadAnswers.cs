using System.Globalization;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Ingest;

/// <summary>The answer one upload gets: its own submission's, or "already received" when it repeats earlier bytes.</summary>
public sealed record UploadAnswer(SubmissionView Submission, bool Duplicate, bool IsCurrent, string MessageVi)
{
    public SubmissionOutcome State => Submission.State;
}

public static class UploadAnswers
{
    /// <summary>
    /// "Already received", with when, how it ended, and (when <paramref name="isCurrent"/> is known) whether that
    /// earlier upload is still the unit's current version.
    /// </summary>
    internal static string DuplicateMessage(SubmissionRow original, bool? isCurrent)
    {
        var at = ReportingCalendar.Default.ToVietnamTime(original.ReceivedUtc).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        var text = $"Tệp này đã được tiếp nhận trước đó (lần gửi lúc {at}): {original.State.Vi()}.";
        if (original.State.IsAccepted() && isCurrent is { } current)
        {
            text += current
                ? " Đây vẫn là bản hiện hành của đơn vị; không cần gửi lại."
                : " Bản này không còn là bản hiện hành: đơn vị đã gửi một bản khác sau đó.";
        }
        else if (original.State == SubmissionOutcome.Rejected)
        {
            text += " Vui lòng sửa theo tệp kết quả kiểm tra rồi gửi lại.";
        }
        return text;
    }
}
