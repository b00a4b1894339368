using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Host.SelfHost;

/// <summary>
/// First run of `danvan serve` on an empty local store: a demo a newcomer can look at at once — keys for every
/// role, the previous quarter mostly reported (late, missing, one rejected, one corrected), its workbook published,
/// and a few reports in for the open quarter. Everything goes through the real services (upload, ingest by the
/// host's own triggers, reopen, consolidate), so the demo shows what the pipeline does, not hand-made rows.
/// </summary>
public static class DemoSeeder
{
    public const string Reason = "Dữ liệu mẫu (demo): kỳ trước được mở lại để nạp báo cáo mẫu.";

    public sealed record DemoKey(string Label, string Secret);

    /// <summary>Seeds when the store has no access key at all; returns the keys to print once, or null when not empty.</summary>
    public static async Task<IReadOnlyList<DemoKey>?> SeedIfEmptyAsync(IServiceProvider services, IProgress<string>? progress, CancellationToken ct)
    {
        var keys = services.GetRequiredService<AccessKeyStore>();
        if ((await keys.ListAsync(ct)).Count > 0)
        {
            return null;
        }
        var reference = services.GetRequiredService<ReferenceData>();
        var time = services.GetRequiredService<TimeProvider>();
        var uploads = services.GetRequiredService<UploadService>();
        var reopenings = services.GetRequiredService<ReopeningStore>();
        var audit = services.GetRequiredService<AuditLog>();
        var now = time.GetUtcNow();
        var calendar = reference.Calendar;
        var open = calendar.Get(calendar.QuarterOf(now));
        if (calendar.VietnamDate(now) < open.WindowStart)
        {
            open = calendar.Get(open.Key.PreviousQuarter);
        }
        var previous = calendar.Get(open.Key.PreviousQuarter);

        progress?.Report("Lần chạy đầu: đang nạp dữ liệu mẫu (khoảng một phút)…");
        var issued = new List<DemoKey>
        {
            new("Sở Nội vụ", (await keys.IssueAsync(AccessRole.Consolidator, null, "Sở Nội vụ (mẫu)", ct)).Secret),
            new("Lãnh đạo", (await keys.IssueAsync(AccessRole.Leader, null, "Lãnh đạo (mẫu)", ct)).Secret),
            new("Xã Tịnh Khê (21211)", (await keys.IssueAsync(AccessRole.Agency, "21211", "Xã Tịnh Khê (mẫu)", ct)).Secret),
            new("Xã An Phú (21034)", (await keys.IssueAsync(AccessRole.Agency, "21034", "Xã An Phú (mẫu)", ct)).Secret),
        };

        var pending = new List<PendingUpload>();
        var expected = reference.Registry.ExpectedFor(previous).Where(u => u.Reports).ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var unit = expected[i];
            // About one unit in eight stays missing, so the dashboards have someone to chase.
            if (i % 8 == 5)
            {
                continue;
            }
            if (previous.IsClosed(now))
            {
                // A closed quarter takes reports only from units it was reopened for: the demo says so in the audit.
                await reopenings.ReopenAsync(previous.Key, unit.Code, Reason, "demo", now, ct);
                await audit.AppendAsync(previous.Key.ToString(), "reopened", unit.Code, "demo", Reason, ct);
            }
            if (i == 3 || i == 7)
            {
                // One rejected and left so (its feedback is there to read), one rejected then corrected.
                pending.Add(await uploads.UploadAsync(unit.Code, previous.Key, "bao-cao-loi.xlsx", Filled(reference, unit, previous, Value(i), broken: true), ct));
                if (i == 3)
                {
                    continue;
                }
            }
            pending.Add(await uploads.UploadAsync(unit.Code, previous.Key, "bao-cao.xlsx", Filled(reference, unit, previous, Value(i), broken: false), ct));
        }
        var openUnits = reference.Registry.ExpectedFor(open).Where(u => u.Reports && u.Code != "21211").ToList();
        for (var i = 0; i < openUnits.Count; i += 9)
        {
            pending.Add(await uploads.UploadAsync(openUnits[i].Code, open.Key, "bao-cao.xlsx", Filled(reference, openUnits[i], open, Value(i) + 1, broken: false), ct));
        }

        // The host's queue trigger ingests them; wait for every answer before consolidating.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var left = pending.ToList();
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<PendingUpload>();
            foreach (var p in left)
            {
                if (await uploads.TryAnswerAsync(p, ct) is null)
                {
                    still.Add(p);
                }
            }
            left = still;
            if (left.Count > 0)
            {
                progress?.Report($"… còn {left.Count}/{pending.Count} báo cáo mẫu đang được kiểm tra");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
        var consolidation = services.GetRequiredService<ConsolidationService>();
        await consolidation.ConsolidateAsync(previous.Key, ct);
        await consolidation.ConsolidateAsync(open.Key, ct);
        progress?.Report($"Đã nạp dữ liệu mẫu: {previous.NameVi} ({pending.Count} lần gửi) và {open.NameVi}.");
        return issued;
    }

    private static long Value(int i) => 2 + (i * 7 % 11);

    /// <summary>The unit's real template with every numeric input set to one value (satisfies every ≤/≥ rule); broken: a word in a number cell.</summary>
    private static BinaryData Filled(ReferenceData reference, ReportingUnit unit, ReportingPeriod period, long value, bool broken)
    {
        using var template = new MemoryStream();
        var catalogue = reference.Catalogues.For(period.Key);
        TemplateWriter.Write(unit, period, catalogue, reference.Registry, template);
        template.Position = 0;
        using var wb = new XLWorkbook(template);
        var first = true;
        foreach (var indicator in catalogue.Inputs.Where(i => i.IsNumeric))
        {
            var cell = wb.NamedRange(TemplateNames.ForIndicator(indicator.Code)).Ranges.First().FirstCell();
            if (broken && first)
            {
                cell.SetValue("mười");
                first = false;
            }
            else
            {
                cell.Value = value;
            }
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return BinaryData.FromBytes(output.ToArray());
    }
}
