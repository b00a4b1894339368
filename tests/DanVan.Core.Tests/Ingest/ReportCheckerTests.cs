using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Ingest;

public sealed class ReportCheckerTests
{
    private static readonly byte[] Template = World.Template();

    private static byte[] Filled(Action<Dictionary<string, object?>>? change = null)
    {
        var values = World.FullValues();
        change?.Invoke(values);
        return Filler.Fill(Template, values);
    }

    private static string Cell(string code) => WorkbookFacts.CellOf(Template, code);

    [Fact]
    public void Accepts_a_complete_report_and_returns_every_value()
    {
        var expected = World.FullValues();
        var result = World.Check(Filled());

        Assert.Empty(result.Problems);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Equal(World.Catalogue.Inputs.Count(), result.Values.Count);
        foreach (var v in result.Values)
        {
            if (expected[v.IndicatorCode] is long n) Assert.Equal(n, v.Number);
            else Assert.Equal(expected[v.IndicatorCode], v.Text);
            Assert.Equal(Cell(v.IndicatorCode), v.Cell);
        }
        Assert.Equal(World.TinhKhe, result.Identity!.UnitCode);
        Assert.Equal(World.Q4, result.Identity.Period);
    }

    [Fact]
    public void Blank_numeric_cells_are_accepted_with_a_warning_and_stored_as_not_reported()
    {
        var result = World.Check(Filled(v => v["CC_HS_GIAIQUYET"] = null));

        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, result.Outcome);
        var warning = Assert.Single(result.Problems);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(ProblemCodes.Blank, warning.Code);
        Assert.Equal($"Ô {Cell("CC_HS_GIAIQUYET")} (Số hồ sơ đã giải quyết): để trống, được ghi nhận là chưa báo cáo (không phải 0). Nếu không có số liệu, vui lòng nhập 0.", warning.MessageVi);
        Assert.Null(result.Values.Single(v => v.IndicatorCode == "CC_HS_GIAIQUYET").Number);
    }

    [Fact]
    public void The_untouched_template_is_refused_as_empty_and_still_lists_every_blank_cell()
    {
        var result = World.Check(Template);
        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        Assert.Equal(ProblemCodes.EmptyReport, result.Problems[0].Code);
        Assert.Equal(1, result.ErrorCount);
        Assert.Equal(World.Catalogue.Inputs.Count(i => i.IsNumeric), result.WarningCount);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void One_number_is_enough_for_a_report_not_to_be_empty()
    {
        var values = World.Catalogue.Inputs.Where(i => i.IsNumeric).ToDictionary(i => i.Code, _ => (object?)null);
        values["DT_LOP"] = 0;
        var result = World.Check(Filled(v =>
        {
            foreach (var (code, value) in values)
            {
                v[code] = value;
            }
        }));
        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, result.Outcome);
        Assert.DoesNotContain(result.Problems, p => p.Code == ProblemCodes.EmptyReport);
    }

    [Fact]
    public void Reads_numbers_typed_as_text()
    {
        var result = World.Check(Filled(v =>
        {
            v["LD_VANBAN"] = "1.234";
            v["LD_HOINGHI"] = new InlineText("1 234");
            v["DC_DOITHOAI"] = "15 cuộc";
            v["LD_TINBAI"] = "  7 ";
            v["LD_LUOTNGUOI"] = "5.000 lượt người";
        }));

        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        long? Of(string code) => result.Values.Single(v => v.IndicatorCode == code).Number;
        Assert.Equal(1234, Of("LD_VANBAN"));
        Assert.Equal(1234, Of("LD_HOINGHI"));
        Assert.Equal(15, Of("DC_DOITHOAI"));
        Assert.Equal(7, Of("LD_TINBAI"));
        Assert.Equal(5000, Of("LD_LUOTNGUOI"));
    }

    [Fact]
    public void Reports_every_bad_value_at_once_with_cell_indicator_and_message()
    {
        var result = World.Check(Filled(v =>
        {
            v["CC_HS_GIAIQUYET"] = "abc";
            v["LD_VANBAN"] = "1,5";
            v["LD_HOINGHI"] = -3L;
            v["TD_LUOT"] = 2_000_000_000L;
            v["CC_HS_TIEPNHAN"] = 2.5;
        }));

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        Assert.Empty(result.Values);
        var byCode = result.Problems.ToDictionary(p => p.IndicatorCode!);
        Assert.Equal($"Ô {Cell("CC_HS_GIAIQUYET")} (Số hồ sơ đã giải quyết): giá trị \"abc\" không phải là số. Vui lòng nhập số nguyên không âm.", byCode["CC_HS_GIAIQUYET"].MessageVi);
        Assert.Equal(ProblemCodes.NotWhole, byCode["LD_VANBAN"].Code);
        Assert.Equal(ProblemCodes.Negative, byCode["LD_HOINGHI"].Code);
        Assert.Contains("\"-3\"", byCode["LD_HOINGHI"].MessageVi);
        Assert.Equal(ProblemCodes.ImplausiblyLarge, byCode["TD_LUOT"].Code);
        Assert.Contains("2.000.000.000", byCode["TD_LUOT"].MessageVi);
        Assert.Contains("\"2,5\"", byCode["CC_HS_TIEPNHAN"].MessageVi);
        Assert.All(result.Problems, p =>
        {
            Assert.Equal("BaoCao", p.Sheet);
            Assert.Equal(Cell(p.IndicatorCode!), p.Cell);
        });
    }

    [Fact]
    public void Cross_field_error_rejects_with_both_cells_and_values()
    {
        var result = World.Check(Filled(v =>
        {
            v["CC_HS_GIAIQUYET"] = 100L;
            v["CC_HS_DUNGHAN"] = 120L;
        }));

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var p = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.RuleBroken, p.Code);
        Assert.Equal($"Giải quyết đúng hạn và trước hạn ({Cell("CC_HS_DUNGHAN")} = 120) lớn hơn số hồ sơ đã giải quyết ({Cell("CC_HS_GIAIQUYET")} = 100).", p.MessageVi);
        Assert.Equal(Cell("CC_HS_DUNGHAN"), p.Cell);
    }

    [Fact]
    public void Cross_field_warning_accepts_and_uses_vietnamese_grouping()
    {
        var result = World.Check(Filled(v =>
        {
            v["LD_HOINGHI"] = 1500L;
            v["LD_LUOTNGUOI"] = 1200L;
        }));

        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, result.Outcome);
        var p = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.RuleWarning, p.Code);
        Assert.Contains("= 1.200", p.MessageVi);
        Assert.Contains("= 1.500", p.MessageVi);
        Assert.Equal(1200, result.Values.Single(v => v.IndicatorCode == "LD_LUOTNGUOI").Number);
    }

    [Fact]
    public void Formula_cells_are_read_by_cached_value_and_refused_without_one()
    {
        var result = World.Check(Filled(v =>
        {
            v["LD_VANBAN"] = new FormulaEntry("2+3", 5);
            v["LD_TINBAI"] = new FormulaEntry("2+3", null);
            v["TD_LUOT"] = new ErrorEntry("#DIV/0!");
        }));

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        Assert.Equal(2, result.ErrorCount);
        Assert.Equal(ProblemCodes.FormulaWithoutValue, result.Problems.Single(p => p.IndicatorCode == "LD_TINBAI").Code);
        Assert.Contains("#DIV/0!", result.Problems.Single(p => p.IndicatorCode == "TD_LUOT").MessageVi);
        Assert.DoesNotContain(result.Problems, p => p.IndicatorCode == "LD_VANBAN");
    }

    [Fact]
    public void Repairs_legacy_and_decomposed_narrative_text()
    {
        var result = World.Check(Filled(v =>
        {
            v["NX_KETQUA"] = "Tæ chøc ®èi tho¹i víi Nh©n d©n";
            v["NX_HANCHE"] = new InlineText("Quaûng Ngaõi");
            v["NX_KIENNGHI"] = "Kiến nghị".Normalize(System.Text.NormalizationForm.FormD);
        }));

        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        string? Of(string code) => result.Values.Single(v => v.IndicatorCode == code).Text;
        Assert.Equal("Tổ chức đối thoại với Nhân dân", Of("NX_KETQUA"));
        Assert.Equal("Quảng Ngãi", Of("NX_HANCHE"));
        Assert.Equal("Kiến nghị", Of("NX_KIENNGHI"));
    }

    [Fact]
    public void Text_beginning_with_equals_is_read_as_text()
    {
        var result = World.Check(Filled(v => v["NX_KETQUA"] = new InlineText("=SUM(A1:A3) là công thức")));
        Assert.Equal("=SUM(A1:A3) là công thức", result.Values.Single(v => v.IndicatorCode == "NX_KETQUA").Text);
    }

    [Fact]
    public void Another_units_template_is_rejected_in_the_glossary_words()
    {
        var result = World.Check(Filled(), World.Context(uploader: World.CamThanh));
        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var p = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.UnitMismatch, p.Code);
        Assert.Equal("Biểu mẫu này dành cho Xã Tịnh Khê, kỳ Quý IV năm 2026, nhưng được gửi bởi Phường Cẩm Thành.", p.MessageVi);
    }

    [Fact]
    public void Another_periods_template_is_rejected()
    {
        var result = World.Check(Filled(), World.Context(path: World.Q3));
        var p = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.PeriodMismatch, p.Code);
        Assert.Contains("Quý IV năm 2026", p.MessageVi);
        Assert.Contains("Quý III năm 2026", p.MessageVi);
    }

    [Fact]
    public void Offline_check_takes_the_templates_unit_but_still_needs_it_in_the_registry()
    {
        Assert.Equal(SubmissionOutcome.Accepted, World.Check(Filled(), World.Context(uploader: null, path: null)).Outcome);

        var otherRegistry = new DanVan.Core.Registry.UnitRegistry(World.Registry.All.Where(u => u.Code != World.TinhKhe).ToArray());
        var context = World.Context(uploader: null) with { Registry = otherRegistry };
        var result = World.Check(Filled(), context);
        Assert.Equal(ProblemCodes.UnknownUnit, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Closed_period_is_refused_unless_reopened_and_late_is_not_a_problem()
    {
        var late = new DateTimeOffset(2026, 12, 25, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(SubmissionOutcome.Accepted, World.Check(Filled(), World.Context(now: late)).Outcome);

        var afterClose = new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var closed = World.Check(Filled(), World.Context(now: afterClose));
        var p = Assert.Single(closed.Problems);
        Assert.Equal(ProblemCodes.PeriodClosed, p.Code);
        Assert.Contains("kỳ báo cáo đã khóa", p.MessageVi);

        var reopened = World.Context(now: afterClose) with { IsReopenedFor = (unit, period) => unit == World.TinhKhe && period == World.Q4 };
        Assert.Equal(SubmissionOutcome.Accepted, World.Check(Filled(), reopened).Outcome);
    }

    [Fact]
    public void Reports_identity_and_value_problems_together()
    {
        var result = World.Check(Filled(v => v["LD_VANBAN"] = "abc"), World.Context(uploader: World.CamThanh, path: World.Q3));
        Assert.Equal(
            [ProblemCodes.UnitMismatch, ProblemCodes.PeriodMismatch, ProblemCodes.NotANumber],
            result.Problems.Select(p => p.Code).ToArray());
    }
}
