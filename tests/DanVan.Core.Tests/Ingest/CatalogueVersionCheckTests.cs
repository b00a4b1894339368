using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;
using DocumentFormat.OpenXml.Packaging;

namespace DanVan.Core.Tests.Ingest;

/// <summary>
/// Templates and the checker across the v1 → v2 switch (2027-Q2, seeds/catalogue/versions.csv), with frozen clocks:
/// the period decides the version its template carries and the version its uploads are read by.
/// </summary>
public sealed class CatalogueVersionCheckTests
{
    private static readonly PeriodKey Q1 = PeriodKey.ForQuarter(2027, 1);
    private static readonly PeriodKey Q2 = PeriodKey.ForQuarter(2027, 2);
    private static readonly CatalogueSet Set = CatalogueSet.Default;

    /// <summary>Inside 2027-Q1's window, before its deadline.</summary>
    private static readonly DateTimeOffset InQ1 = new(2027, 3, 10, 3, 0, 0, TimeSpan.Zero);

    /// <summary>After 2027-Q1's deadline but before it closes; 2027-Q2's window has begun: both quarters open.</summary>
    private static readonly DateTimeOffset BothOpen = new(2027, 4, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>Inside 2027-Q2's window; 2027-Q1 is closed.</summary>
    private static readonly DateTimeOffset InQ2 = new(2027, 6, 10, 3, 0, 0, TimeSpan.Zero);

    private static byte[] Filled(PeriodKey period, IndicatorCatalogue catalogue) =>
        Filler.Fill(World.Template(period: period, catalogue: catalogue), Values(catalogue));

    /// <summary>Every input of a version filled, every rule satisfied.</summary>
    private static Dictionary<string, object?> Values(IndicatorCatalogue catalogue)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var n = 10L;
        foreach (var i in catalogue.Inputs)
        {
            values[i.Code] = i.Kind == IndicatorKind.Text ? "Nội dung của đơn vị." : n;
            n += 5;
        }
        foreach (var rule in catalogue.Rules)
        {
            var right = (long)values[rule.Right]!;
            values[rule.Left] = rule.Operator == RuleOperator.LessOrEqual ? right / 2 : right * 3;
        }
        return values;
    }

    private static CheckResult Check(byte[] file, PeriodKey period, DateTimeOffset now, bool reopened = false) =>
        World.Check(file, World.Context(path: period, now: now) with { IsReopenedFor = (_, p) => reopened && p == period });

    [Fact]
    public void A_template_of_a_v2_quarter_carries_v2_and_its_indicators()
    {
        var file = World.Template(period: Q2, catalogue: Set.For(Q2));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var names = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>().Select(d => d.Name!.Value!).ToHashSet();
        Assert.Contains(TemplateNames.ForIndicator("TD_PHANANH_SO"), names);
        Assert.DoesNotContain(TemplateNames.ForIndicator("CC_THU_XINLOI"), names);
        var result = Check(Filler.Fill(file, Values(Set.Get(2))), Q2, InQ2);
        Assert.Equal(2, result.Identity!.CatalogueVersion);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Contains(result.Values, v => v.IndicatorCode == "TD_PHANANH_SO" && v.Number is not null);
    }

    [Fact]
    public void A_template_of_the_last_v1_quarter_carries_v1()
    {
        var result = Check(Filled(Q1, Set.For(Q1)), Q1, InQ1);

        Assert.Equal(1, result.Identity!.CatalogueVersion);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Contains(result.Values, v => v.IndicatorCode == "CC_THU_XINLOI");
        Assert.DoesNotContain(result.Values, v => v.IndicatorCode == "TD_PHANANH_SO");
    }

    [Fact]
    public void A_v1_template_of_an_earlier_quarter_still_open_is_accepted_next_to_v2_uploads()
    {
        var v1 = Check(Filled(Q1, Set.Get(1)), Q1, BothOpen);
        var v2 = Check(Filled(Q2, Set.Get(2)), Q2, BothOpen);

        Assert.Equal((SubmissionOutcome.Accepted, 1), (v1.Outcome, v1.Identity!.CatalogueVersion));
        Assert.Equal((SubmissionOutcome.Accepted, 2), (v2.Outcome, v2.Identity!.CatalogueVersion));
    }

    [Fact]
    public void A_v1_template_of_a_reopened_v1_quarter_is_accepted()
    {
        var file = Filled(Q1, Set.Get(1));

        Assert.Contains(Check(file, Q1, InQ2).Problems, p => p.Code == ProblemCodes.PeriodClosed);
        var reopened = Check(file, Q1, InQ2, reopened: true);
        Assert.Equal(SubmissionOutcome.Accepted, reopened.Outcome);
        Assert.Equal(1, reopened.Identity!.CatalogueVersion);
    }

    [Fact]
    public void A_v2_template_for_a_v1_quarter_is_refused_with_advice_to_download_that_quarters_template()
    {
        var result = Check(Filled(Q1, Set.Get(2)), Q1, InQ1);

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCodes.CatalogueTooNew);
        Assert.Equal(
            "Biểu mẫu được lập theo danh mục chỉ tiêu phiên bản 2, nhưng kỳ Quý I năm 2027 áp dụng danh mục chỉ tiêu phiên bản 1. "
            + "Vui lòng tải biểu mẫu của đơn vị cho kỳ Quý I năm 2027, nhập số liệu rồi gửi lại.",
            problem.MessageVi);
    }

    [Fact]
    public void A_v1_template_for_a_v2_quarter_is_read_by_v1_with_a_warning_to_download_the_new_template()
    {
        var result = Check(Filled(Q2, Set.Get(1)), Q2, InQ2);

        // reporting-rules §4: older templates of the same period stay readable; the new indicator is "not reported".
        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, result.Outcome);
        Assert.Equal(1, result.Identity!.CatalogueVersion);
        var warning = Assert.Single(result.Problems);
        Assert.Equal((Severity.Warning, ProblemCodes.CatalogueOlder), (warning.Severity, warning.Code));
        Assert.StartsWith("Biểu mẫu được lập theo danh mục chỉ tiêu phiên bản 1, nhưng kỳ Quý II năm 2027 áp dụng danh mục chỉ tiêu phiên bản 2.", warning.MessageVi, StringComparison.Ordinal);
        Assert.Contains("“" + Set.Get(2)["TD_PHANANH_SO"].NameVi + "”", warning.MessageVi, StringComparison.Ordinal);
        Assert.Contains("Vui lòng tải biểu mẫu mới của đơn vị cho kỳ Quý II năm 2027", warning.MessageVi, StringComparison.Ordinal);
        Assert.Contains(result.Values, v => v.IndicatorCode == "CC_THU_XINLOI");
    }
}
