using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Ingest;

/// <summary>Plausibility against history, with hand-made histories (the pure check and the lineage rule).</summary>
public sealed class PlausibilityTests
{
    private const string Count = "CC_HS_TIEPNHAN";
    private const string Snapshot = "DC_BAN_TTND";
    private static readonly IndicatorCatalogue Catalogue = CatalogueSet.Default.Find(1)!;
    private static readonly PlausibilityThresholds Thresholds = new(1, 5m, 50, new HashSet<IndicatorKind> { IndicatorKind.Count, IndicatorKind.Snapshot }, new HashSet<LineageKind> { LineageKind.RenamedTo });

    private static string Label(string code) => Messages.Label(Catalogue[code], capital: true);

    private static ReportValue[] Values(long? value, string code = Count, string cell = "D17") => [new ReportValue(code, value, null, cell)];

    private static Dictionary<string, long?> History(long? value, string code = Count) => new(StringComparer.Ordinal) { [code] = value };

    private static IReadOnlyList<Problem> Check(long? value, long? previous, long? lastYear, string code = Count) =>
        Plausibility.Check(Values(value, code), previous is null ? null : History(previous, code), lastYear is null ? null : History(lastYear, code), Thresholds, Catalogue);

    [Fact]
    public void A_value_twelve_times_the_previous_quarter_is_a_warning_with_the_cell_the_indicator_and_both_figures()
    {
        var warning = Assert.Single(Check(1200, 100, null));

        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(ProblemCodes.HistoryOutlier, warning.Code);
        Assert.Equal(("D17", Count, "BaoCao"), (warning.Cell, warning.IndicatorCode, warning.Sheet));
        Assert.Equal($"Số liệu ô D17 ({Label(Count)}) là 1.200, gấp 12 lần quý trước (100). Vui lòng kiểm tra lại.", warning.MessageVi);
        Assert.Equal(new HistoryFigures(1200, 100, null), warning.History);
    }

    [Fact]
    public void A_value_far_below_the_same_quarter_last_year_only_is_a_warning_in_the_fifth_direction()
    {
        var warning = Assert.Single(Check(10, null, 1200));

        Assert.Equal($"Số liệu ô D17 ({Label(Count)}) là 10, chỉ bằng 1/120 cùng kỳ năm trước (1.200). Vui lòng kiểm tra lại.", warning.MessageVi);
        Assert.Equal(new HistoryFigures(10, null, 1200), warning.History);
    }

    [Fact]
    public void Far_from_both_references_names_both()
    {
        var warning = Assert.Single(Check(1300, 100, 200));
        Assert.Contains("gấp khoảng 6,2 lần cùng kỳ", Assert.Single(Check(1230, 100, 200)).MessageVi, StringComparison.Ordinal);

        Assert.Equal($"Số liệu ô D17 ({Label(Count)}) là 1.300, gấp 13 lần quý trước (100) và gấp 6,5 lần cùng kỳ năm trước (200). Vui lòng kiểm tra lại.", warning.MessageVi);
    }

    [Theory]
    [InlineData(1200, 100, 1100)] // a season: far from last quarter, near last year
    [InlineData(1200, 1000, 100)] // near last quarter
    public void Near_either_reference_is_plausible(long value, long previous, long lastYear) =>
        Assert.Empty(Check(value, previous, lastYear));

    [Fact]
    public void A_first_report_with_no_history_never_warns()
    {
        Assert.Empty(Check(1_000_000, null, null));
        // A history that left the indicator blank is no reference either.
        Assert.Empty(Plausibility.Check(Values(1_000_000), History(null), new Dictionary<string, long?>(), Thresholds, Catalogue));
    }

    [Theory]
    [InlineData(40, 2)] // 20×, but 38 apart
    [InlineData(2, 40)]
    [InlineData(49, 0)]
    [InlineData(59, 10)] // 5,9×, 49 apart
    public void Small_numbers_do_not_warn(long value, long previous) => Assert.Empty(Check(value, previous, null));

    [Fact]
    public void Zero_on_either_side_is_named_without_a_ratio()
    {
        Assert.Equal($"Số liệu ô D17 ({Label(Count)}) là 200, khác xa quý trước (0). Vui lòng kiểm tra lại.", Assert.Single(Check(200, 0, null)).MessageVi);
        Assert.Equal($"Số liệu ô D17 ({Label(Count)}) là 0, khác xa quý trước (300). Vui lòng kiểm tra lại.", Assert.Single(Check(0, 300, null)).MessageVi);
        Assert.Empty(Check(0, 0, null));
    }

    [Theory]
    [InlineData(500, 100, false)] // exactly 5×: not more than 5×
    [InlineData(501, 100, true)]
    [InlineData(20, 100, false)] // exactly a fifth: not less than a fifth
    [InlineData(19, 100, true)]
    [InlineData(60, 10, true)] // exactly the minimum difference (50) apart, 6×
    public void Exactly_at_the_thresholds(long value, long previous, bool warns) =>
        Assert.Equal(warns, Check(value, previous, null).Count == 1);

    [Fact]
    public void Snapshots_are_compared_blanks_and_kinds_outside_the_thresholds_are_not()
    {
        Assert.Single(Check(900, 100, null, Snapshot));
        Assert.Empty(Check(null, 100, null));
        var countsOnly = Thresholds with { Kinds = new HashSet<IndicatorKind> { IndicatorKind.Count } };
        Assert.Empty(Plausibility.Check(Values(900, Snapshot), History(100, Snapshot), null, countsOnly, Catalogue));
    }

    [Fact]
    public void Warnings_turn_an_accepted_report_into_accepted_with_warnings_and_leave_a_rejection_alone()
    {
        var warnings = Check(1200, 100, null);
        var accepted = new CheckResult(SubmissionOutcome.Accepted, null, Values(1200), []);
        var rejected = CheckResult.Rejected(null, [Messages.EmptyReport()]);

        var withWarnings = Plausibility.WithWarnings(accepted, warnings);

        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, withWarnings.Outcome);
        Assert.Equal(1, withWarnings.WarningCount);
        Assert.Same(rejected, Plausibility.WithWarnings(rejected, warnings));
        Assert.Same(accepted, Plausibility.WithWarnings(accepted, []));
    }

    [Fact]
    public void The_wire_carries_the_figures_of_a_history_warning_only()
    {
        var history = JsonSerializer.Serialize(ProblemWire.From(Check(1200, 100, null)[0]), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var other = JsonSerializer.Serialize(ProblemWire.From(Messages.EmptyReport()), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var back = JsonSerializer.Deserialize<ProblemWire>(history, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((1200L, 100L, (long?)null), (back.Value!.Value, back.PreviousQuarter!.Value, back.SameQuarterLastYear));
        Assert.DoesNotContain("previousQuarter", other, StringComparison.Ordinal);
    }

    // Lineage: codes were reused across the 2025 reorganisation.

    private static readonly DateOnly Old = new(2016, 7, 25);
    private static readonly DateOnly Reorganised = new(2025, 7, 1);
    private static readonly PeriodKey Q3 = PeriodKey.ForQuarter(2025, 3);

    private static UnitRegistry Registry(params Lineage[] oldLinks) => new(
    [
        new ReportingUnit("51", "Tỉnh", UnitLevel.Tinh, Old, null, [], []),
        new ReportingUnit("X1", "Xã Cũ", UnitLevel.Xa, Old, Reorganised.AddDays(-1), [new ParentSpan("51", Old, null)], oldLinks),
        new ReportingUnit("X1", "Xã Mới", UnitLevel.Xa, Reorganised, null, [new ParentSpan("51", Reorganised, null)],
            [new Lineage(LineageKind.CodeReusedFrom, "X1", Old, null)]),
        new ReportingUnit("BAN-CU", "Ban Cũ", UnitLevel.So, Old, Reorganised.AddDays(-1), [new ParentSpan("51", Old, null)],
            [new Lineage(LineageKind.RenamedTo, "SO-MOI", Reorganised, null)]),
        new ReportingUnit("SO-MOI", "Sở Mới", UnitLevel.So, Reorganised, null, [new ParentSpan("51", Reorganised, null)], []),
        new ReportingUnit("SO-VPUB", "Văn phòng", UnitLevel.So, Old, null, [new ParentSpan("51", Old, null)], []),
    ]);

    private static string? HistoryCode(UnitRegistry registry, string unit, PeriodKey history) =>
        Plausibility.HistoryCode(registry, ReportingCalendar.Default, unit, Q3, history, Thresholds);

    [Fact]
    public void A_reused_code_does_not_bring_its_predecessors_figures_as_history()
    {
        var registry = Registry(new Lineage(LineageKind.CodeReusedBy, "X1", Reorganised, null), new Lineage(LineageKind.MergedInto, "X1", Reorganised, null));

        Assert.Null(HistoryCode(registry, "X1", Q3.PreviousQuarter));
        Assert.Null(HistoryCode(registry, "X1", Q3.SamePeriodLastYear));
        // Checked against the seeds: Tịnh Khê (21211) of 2025-07-01 reuses the code of a unit merged into it.
        Assert.Null(Plausibility.HistoryCode(UnitRegistry.Default, ReportingCalendar.Default, "21211", Q3, Q3.PreviousQuarter, PlausibilityThresholds.Default));
        Assert.Equal("21211", Plausibility.HistoryCode(UnitRegistry.Default, ReportingCalendar.Default, "21211", PeriodKey.ForQuarter(2026, 4), PeriodKey.ForQuarter(2026, 3), PlausibilityThresholds.Default));
    }

    [Fact]
    public void A_reused_code_whose_lineage_declares_the_predecessor_continued_keeps_its_history()
    {
        var registry = Registry(new Lineage(LineageKind.RenamedTo, "X1", Reorganised, null));

        Assert.Equal("X1", HistoryCode(registry, "X1", Q3.PreviousQuarter));
        Assert.Equal("X1", HistoryCode(registry, "X1", Q3.SamePeriodLastYear));
    }

    [Fact]
    public void A_renamed_unit_reads_its_predecessors_code_and_an_unchanged_unit_its_own()
    {
        var registry = Registry();

        Assert.Equal("BAN-CU", HistoryCode(registry, "SO-MOI", Q3.PreviousQuarter));
        Assert.Equal("SO-VPUB", HistoryCode(registry, "SO-VPUB", Q3.SamePeriodLastYear));
        Assert.Null(HistoryCode(registry, "NOBODY", Q3.PreviousQuarter));
        // Checked against the seeds: Sở Dân tộc và Tôn giáo continues Ban Dân tộc (renamed_to).
        Assert.Equal("SO-BANDANTOC", Plausibility.HistoryCode(UnitRegistry.Default, ReportingCalendar.Default, "SO-DTTG", PeriodKey.ForQuarter(2025, 2), PeriodKey.ForQuarter(2024, 2), PlausibilityThresholds.Default));
    }

    [Fact]
    public void The_seeded_thresholds_load_and_bad_ones_are_refused()
    {
        var seeded = PlausibilityThresholds.Default;
        Assert.Equal(5m, seeded.Ratio);
        Assert.Equal(50, seeded.MinimumDifference);
        Assert.Equal([IndicatorKind.Count, IndicatorKind.Snapshot], seeded.Kinds.Order());
        Assert.Equal([LineageKind.RenamedTo], seeded.HistoryContinuesThrough);

        static string Json(string ratio = "5", string kinds = "\"count\"", string lineage = "\"renamed_to\"") =>
            $$"""{ "version": 1, "ratio": {{ratio}}, "minimumDifference": 50, "kinds": [{{kinds}}], "historyContinuesThrough": [{{lineage}}] }""";
        Assert.Equal(3m, PlausibilityThresholds.Parse(Json("3")).Ratio);
        Assert.Throws<FormatException>(() => PlausibilityThresholds.Parse(Json("1")));
        Assert.Throws<FormatException>(() => PlausibilityThresholds.Parse(Json(kinds: "\"ratio\"")));
        Assert.Throws<FormatException>(() => PlausibilityThresholds.Parse(Json(kinds: "")));
        Assert.Throws<FormatException>(() => PlausibilityThresholds.Parse(Json(lineage: "\"code_reused_by\"")));
        Assert.Throws<FormatException>(() => PlausibilityThresholds.Parse("""{ "version": 1 }"""));
    }
}
