using System.Globalization;
using System.Text;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;

namespace DanVan.Web;

/// <summary>The pages a clerk sees: get the template, send the report, read the answer.</summary>
internal static class UploadPage
{
    public static string Form(ReferenceData reference, DateTimeOffset nowUtc, string? error)
    {
        var sb = new StringBuilder();
        if (error is not null)
        {
            sb.Append("<p class=\"bad\" role=\"alert\"><strong>").Append(Layout.E(error)).Append("</strong></p>");
        }
        var periods = OpenQuarters(reference, nowUtc);
        var options = string.Concat(periods.Select(p => $"<option value=\"{p.Key}\">{Layout.E(p.NameVi)} (hạn gửi {reference.Calendar.ToVietnamTime(p.DeadlineUtc):dd/MM/yyyy})</option>"));
        sb.Append($$"""
            <p>Nhập <strong>mã truy cập</strong> do Sở Nội vụ cấp cho đơn vị của bạn. Báo cáo được ghi nhận cho đơn vị của mã truy cập.</p>
            <form id="upload" method="post" action="/gui-bao-cao" enctype="multipart/form-data">
              <p><label>Mã truy cập<br><input type="password" name="key" required size="50" autocomplete="off"></label></p>
              <p><label>Kỳ báo cáo<br><select name="period">{{options}}</select></label></p>
              <p><label>Mã đơn vị (chỉ Sở Nội vụ điền khi gửi thay đơn vị)<br><input type="text" name="unit" size="20"></label></p>
              <p><label>Tệp báo cáo (.xlsx)<br><input type="file" name="file" accept=".xlsx,.xls,.xlsm,.ods"></label></p>
              <p><button class="button" type="submit">Gửi báo cáo</button>
                 <button class="button" type="submit" formaction="/bieu-mau" formenctype="application/x-www-form-urlencoded" formnovalidate>Tải biểu mẫu báo cáo</button>
                 <button class="button" type="submit" formaction="/lan-gui" formenctype="application/x-www-form-urlencoded" formnovalidate>Xem các lần gửi</button></p>
              <p id="progress" hidden><progress></progress> <span>Đang gửi và kiểm tra báo cáo… <span id="seconds">0</span> giây</span></p>
            </form>
            <script>
              // While the pipeline checks the file, show that something is happening.
              document.getElementById('upload').addEventListener('submit', function (e) {
                if (e.submitter && e.submitter.getAttribute('formaction')) return;
                var p = document.getElementById('progress'), s = document.getElementById('seconds'), n = 0;
                p.hidden = false;
                setInterval(function () { s.textContent = ++n; }, 1000);
              });
            </script>
            """);
        return Layout.Page("Gửi báo cáo", sb.ToString());
    }

    public static string Result(ReferenceData reference, string unitCode, PeriodKey period, PendingUpload pending, UploadAnswer? answer, string key)
    {
        var rp = reference.Calendar.Get(period);
        var unit = reference.Registry.FindByCode(unitCode, rp.WindowEnd);
        var sb = new StringBuilder();
        sb.Append("<p>Đơn vị: <strong>").Append(Layout.E(unit?.Name ?? unitCode)).Append("</strong> — kỳ báo cáo: <strong>").Append(Layout.E(rp.NameVi)).Append("</strong></p>");
        if (answer is null)
        {
            sb.Append("<p id=\"state\"><strong>Đã nhận tệp, hệ thống đang kiểm tra.</strong> Kết quả sẽ có trong ít phút: gửi lại đúng tệp này để xem kết quả (tệp không bị ghi nhận hai lần). Mã lần gửi: ")
              .Append(Layout.E(pending.SubmissionId)).Append("</p>");
            return Layout.Page("Đã gửi báo cáo", sb.ToString());
        }
        var row = answer.Submission;
        var css = row.State.IsAccepted() ? "ok" : "bad";
        // The answer to this upload: its own, or "already received" when it repeats earlier bytes.
        sb.Append("<p id=\"state\" class=\"").Append(css).Append("\"><strong>").Append(Layout.E(answer.MessageVi)).Append("</strong></p>");
        var problems = row.Problems;
        if (problems.Count > 0)
        {
            sb.Append("<table id=\"problems\"><thead><tr><th>Mức</th><th>Ô</th><th>Nội dung</th></tr></thead><tbody>");
            foreach (var p in problems)
            {
                sb.Append("<tr class=\"").Append(p.Severity == "error" ? "missing" : "late").Append("\"><td>").Append(p.Severity == "error" ? "Lỗi" : "Cảnh báo")
                  .Append("</td><td>").Append(Layout.E(p.Cell)).Append("</td><td>").Append(Layout.E(p.Message)).Append("</td></tr>");
            }
            sb.Append("</tbody></table>");
        }
        sb.Append($"""
            <form method="post" action="/ket-qua">
              <input type="hidden" name="key" value="{Layout.E(key)}">
              <input type="hidden" name="period" value="{Layout.E(row.Period)}">
              <input type="hidden" name="submission" value="{Layout.E(row.Id)}">
              <button class="button" type="submit">Tải tệp kết quả kiểm tra (các ô có vấn đề được đánh dấu)</button>
            </form>
            <p><a href="/gui-bao-cao">Gửi báo cáo khác</a></p>
            """);
        return Layout.Page(row.State.IsAccepted() ? "Báo cáo đã được tiếp nhận" : "Báo cáo chưa được tiếp nhận", sb.ToString());
    }

    /// <summary>One unit's uploads for a quarter, newest first, each with its answer and its feedback workbook.</summary>
    public static string History(ReferenceData reference, string unitCode, PeriodKey period, IReadOnlyList<SubmissionView> rows, string key)
    {
        var rp = reference.Calendar.Get(period);
        var unit = reference.Registry.FindByCode(unitCode, rp.WindowEnd);
        var sb = new StringBuilder();
        sb.Append("<p>Đơn vị: <strong>").Append(Layout.E(unit?.Name ?? unitCode)).Append("</strong> — kỳ báo cáo: <strong>").Append(Layout.E(rp.NameVi)).Append("</strong></p>");
        if (rows.Count == 0)
        {
            sb.Append("<p id=\"history\">Đơn vị chưa gửi báo cáo kỳ này.</p>");
        }
        else
        {
            sb.Append("<table id=\"history\"><thead><tr><th>Thời điểm gửi</th><th>Tệp</th><th>Kết quả</th><th></th></tr></thead><tbody>");
            foreach (var r in rows.Reverse())
            {
                sb.Append("<tr><td>").Append(reference.Calendar.ToVietnamTime(r.ReceivedUtc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture))
                  .Append("</td><td>").Append(Layout.E(r.FileName)).Append("</td><td>").Append(Layout.E(r.SummaryVi ?? r.State.Vi()))
                  .Append(r.IsCurrent ? " <strong>(bản đang dùng)</strong>" : "").Append("</td><td>");
                if (r.FeedbackBlob is not null)
                {
                    sb.Append($"""<form method="post" action="/ket-qua"><input type="hidden" name="key" value="{Layout.E(key)}"><input type="hidden" name="period" value="{Layout.E(r.Period)}"><input type="hidden" name="submission" value="{Layout.E(r.Id)}"><button type="submit">Tải tệp kết quả kiểm tra</button></form>""");
                }
                sb.Append("</td></tr>");
            }
            sb.Append("</tbody></table>");
        }
        sb.Append("<p><a href=\"/gui-bao-cao\">Quay lại gửi báo cáo</a></p>");
        return Layout.Page("Các lần gửi báo cáo", sb.ToString());
    }

    /// <summary>Quarters whose window has begun and that are not closed: the ones a unit can still report.</summary>
    private static IReadOnlyList<ReportingPeriod> OpenQuarters(ReferenceData reference, DateTimeOffset nowUtc)
    {
        var today = reference.Calendar.VietnamDate(nowUtc);
        return new[] { today.Year - 1, today.Year, today.Year + 1 }
            .SelectMany(y => Enumerable.Range(1, 4).Select(q => reference.Calendar.Get(PeriodKey.ForQuarter(y, q))))
            .Where(p => p.WindowStart <= today && !p.IsClosed(nowUtc))
            .OrderByDescending(p => p.Key)
            .ToArray();
    }
}
