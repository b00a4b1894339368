using DanVan.Core.Catalogue;

namespace DanVan.Core.Tests.Catalogue;

/// <summary>docs/reporting-rules.md §4 and §8: catalogue v1 as seeded.</summary>
public sealed class CatalogueV1Tests
{
    private static readonly IndicatorCatalogue V1 = CatalogueSet.Default.Get(1);

    [Fact]
    public void Version_1_has_37_indicators_of_four_kinds()
    {
        Assert.Equal(1, V1.Version);
        Assert.Equal(37, V1.Indicators.Count);
        Assert.Equal(30, V1.Indicators.Count(i => i.Kind == IndicatorKind.Count));
        Assert.Equal(1, V1.Indicators.Count(i => i.Kind == IndicatorKind.Snapshot));
        Assert.Equal(3, V1.Indicators.Count(i => i.Kind == IndicatorKind.Ratio));
        Assert.Equal(3, V1.Indicators.Count(i => i.Kind == IndicatorKind.Text));
        Assert.Equal(34, V1.Inputs.Count());
        Assert.Empty(V1.Retired);
    }

    [Theory]
    [InlineData("I", "Lãnh đạo, chỉ đạo, quán triệt, tuyên truyền về công tác dân vận", 4)]
    [InlineData("II", "Cải cách hành chính, giải quyết thủ tục hành chính cho người dân, doanh nghiệp", 6)]
    [InlineData("III", "Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh", 8)]
    [InlineData("IV", "Thực hiện dân chủ ở cơ sở; đối thoại với Nhân dân; phối hợp với Mặt trận Tổ quốc và các đoàn thể", 9)]
    [InlineData("V", "Phong trào thi đua \"Dân vận khéo\"; khen thưởng", 4)]
    [InlineData("VI", "Đào tạo, bồi dưỡng; công tác dân vận vùng đồng bào dân tộc thiểu số, tôn giáo", 3)]
    [InlineData("VII", "Đánh giá chung và kiến nghị", 3)]
    public void Sections_carry_their_titles_and_indicators(string code, string title, int count)
    {
        Assert.Equal(title, V1.FindSection(code)!.TitleVi);
        Assert.Equal(count, V1.InSection(code).Count());
    }

    [Fact]
    public void Indicators_are_in_layout_order()
    {
        Assert.Equal(["I", "II", "III", "IV", "V", "VI", "VII"], V1.Sections.Select(s => s.Code));
        Assert.Equal("LD_VANBAN", V1.Indicators[0].Code);
        Assert.Equal("NX_KIENNGHI", V1.Indicators[^1].Code);
        Assert.Equal(["CC_HS_TIEPNHAN", "CC_HS_TRUCTUYEN", "CC_HS_GIAIQUYET", "CC_HS_DUNGHAN", "CC_TL_DUNGHAN", "CC_THU_XINLOI"], V1.InSection("II").Select(i => i.Code));
    }

    [Theory]
    [InlineData("CC_HS_GIAIQUYET", "Số hồ sơ đã giải quyết", "hồ sơ", IndicatorKind.Count)]
    [InlineData("DC_BAN_TTND", "Số Ban Thanh tra nhân dân đang hoạt động", "ban", IndicatorKind.Snapshot)]
    [InlineData("CC_TL_DUNGHAN", "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn", "%", IndicatorKind.Ratio)]
    [InlineData("NX_KIENNGHI", "Kiến nghị, đề xuất", "", IndicatorKind.Text)]
    [InlineData("DVK_MOHINH_DANGKY", "Số mô hình, điển hình \"Dân vận khéo\" đăng ký xây dựng", "mô hình", IndicatorKind.Count)]
    public void Labels_units_and_kinds_come_from_the_seed(string code, string name, string unit, IndicatorKind kind)
    {
        var i = V1[code];
        Assert.Equal((name, unit, kind), (i.NameVi, i.UnitVi, i.Kind));
        Assert.Equal(kind != IndicatorKind.Ratio, i.IsInput);
        Assert.Equal(kind != IndicatorKind.Text, i.IsNumeric);
    }

    [Theory]
    [InlineData("CC_TL_DUNGHAN", "CC_HS_DUNGHAN", "CC_HS_GIAIQUYET")]
    [InlineData("TD_TL_GIAIQUYET", "TD_DON_DAGIAIQUYET", "TD_DON_THAMQUYEN")]
    [InlineData("DC_TL_TRALOI", "DC_YKIEN_TRALOI", "DC_YKIEN_TIEPNHAN")]
    public void Ratios_are_computed_from_numeric_inputs(string ratio, string numerator, string denominator)
    {
        var r = V1[ratio];
        Assert.Equal((numerator, denominator), (r.Numerator, r.Denominator));
        Assert.True(V1[numerator].IsInput && V1[numerator].IsNumeric);
        Assert.True(V1[denominator].IsInput && V1[denominator].IsNumeric);
    }

    [Theory]
    [InlineData("LD_LUOTNGUOI", RuleOperator.GreaterOrEqual, "LD_HOINGHI", Severity.Warning)]
    [InlineData("CC_HS_TRUCTUYEN", RuleOperator.LessOrEqual, "CC_HS_TIEPNHAN", Severity.Error)]
    [InlineData("CC_HS_DUNGHAN", RuleOperator.LessOrEqual, "CC_HS_GIAIQUYET", Severity.Error)]
    [InlineData("TD_NGUOI", RuleOperator.GreaterOrEqual, "TD_LUOT", Severity.Warning)]
    [InlineData("TD_LANHDAO", RuleOperator.LessOrEqual, "TD_LUOT", Severity.Error)]
    [InlineData("TD_DON_THAMQUYEN", RuleOperator.LessOrEqual, "TD_DON_TIEPNHAN", Severity.Error)]
    [InlineData("TD_DON_DAGIAIQUYET", RuleOperator.LessOrEqual, "TD_DON_THAMQUYEN", Severity.Error)]
    [InlineData("DC_DOITHOAI_NGUOI", RuleOperator.GreaterOrEqual, "DC_DOITHOAI", Severity.Warning)]
    [InlineData("DC_YKIEN_TRALOI", RuleOperator.LessOrEqual, "DC_YKIEN_TIEPNHAN", Severity.Error)]
    public void Every_cross_field_rule_of_the_spec_is_seeded(string left, RuleOperator op, string right, Severity severity)
    {
        Assert.Equal(new CrossFieldRule(left, op, right, severity), V1[left].Rule);
        Assert.Contains(new CrossFieldRule(left, op, right, severity), V1.Rules);
    }

    [Fact]
    public void There_are_exactly_nine_rules() => Assert.Equal(9, V1.Rules.Count());

    [Theory]
    [InlineData(RuleOperator.LessOrEqual, 100, 120, true)]
    [InlineData(RuleOperator.LessOrEqual, 120, 120, true)]
    [InlineData(RuleOperator.LessOrEqual, 121, 120, false)]
    [InlineData(RuleOperator.GreaterOrEqual, 5, 3, true)]
    [InlineData(RuleOperator.GreaterOrEqual, 3, 3, true)]
    [InlineData(RuleOperator.GreaterOrEqual, 2, 3, false)]
    public void Rules_hold_or_break_at_the_boundary(RuleOperator op, long left, long right, bool holds) =>
        Assert.Equal(holds, new CrossFieldRule("A", op, "B", Severity.Error).Holds(left, right));

    [Theory]
    [InlineData("<= CC_HS_TIEPNHAN", RuleOperator.LessOrEqual, Severity.Error)]
    [InlineData(">= LD_HOINGHI (warn)", RuleOperator.GreaterOrEqual, Severity.Warning)]
    [InlineData(">=LD_HOINGHI", RuleOperator.GreaterOrEqual, Severity.Error)]
    [InlineData("<= X (warn)", RuleOperator.LessOrEqual, Severity.Warning)]
    public void Rule_text_gives_operator_and_severity(string text, RuleOperator op, Severity severity)
    {
        var rule = CatalogueLoader.ParseRule("A", text)!;
        Assert.Equal((op, severity), (rule.Operator, rule.Severity));
    }

    [Theory]
    [InlineData("< X")]
    [InlineData("<= x")]
    [InlineData("== X")]
    [InlineData("<= X (error)")]
    public void Malformed_rule_text_is_refused(string text) =>
        Assert.Throws<FormatException>(() => CatalogueLoader.ParseRule("A", text));
}
