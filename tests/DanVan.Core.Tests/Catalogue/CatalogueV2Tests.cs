using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;

namespace DanVan.Core.Tests.Catalogue;

/// <summary>The second catalogue version in seeds/: what it changes, why, and from which quarter it applies.</summary>
public sealed class CatalogueV2Tests
{
    private static readonly CatalogueSet Set = CatalogueSet.Default;
    private static PeriodKey Q(int year, int quarter) => PeriodKey.ForQuarter(year, quarter);

    [Fact]
    public void Seeds_hold_v1_and_v2_and_v2_applies_from_the_second_quarter_of_2027()
    {
        Assert.Equal([1, 2], Set.Versions.Select(v => v.Version));
        Assert.Equal([(1, Q(2019, 1)), (2, Q(2027, 2))], Set.Schedule.Select(e => (e.Version, e.From)));
        Assert.All(Set.Schedule, e => Assert.False(string.IsNullOrWhiteSpace(e.ReasonVi)));
    }

    [Theory]
    [InlineData("2025-Q3", 1)]
    [InlineData("2026-Q4", 1)] // the period open today stays v1
    [InlineData("2027-Q1", 1)]
    [InlineData("2027-Q2", 2)]
    [InlineData("2031-Q4", 2)]
    [InlineData("2027-H1", 2)] // a cumulative period: its last quarter's
    [InlineData("2010-Q1", 1)] // before the first date: the first version
    public void The_period_chooses_the_version(string period, int version) =>
        Assert.Equal(version, Set.For(PeriodKey.Parse(period)).Version);

    [Fact]
    public void The_first_half_of_2027_spans_the_switch() =>
        Assert.Equal([(Q(2027, 1), 1), (Q(2027, 2), 2)], Set.ByQuarter(PeriodKey.Parse("2027-H1")).Select(x => (x.Quarter, x.Catalogue.Version)));

    [Fact]
    public void V2_adds_one_relabels_one_and_retires_one_each_with_its_reason()
    {
        var changes = CatalogueChange.Between(Set.Get(1), Set.Get(2));

        Assert.Equal(
            [(CatalogueChangeKind.Relabelled, "TD_DOAN_DONGNGUOI"), (CatalogueChangeKind.Added, "TD_PHANANH_SO"), (CatalogueChangeKind.Retired, "CC_THU_XINLOI")],
            changes.Select(c => (c.Kind, c.Code)));
        Assert.All(changes, c => Assert.False(string.IsNullOrWhiteSpace(c.NoteVi)));
        var relabelled = changes[0];
        Assert.Equal("Số đoàn đông người", relabelled.PreviousNameVi);
        Assert.Contains("05 người trở lên", relabelled.NameVi, StringComparison.Ordinal);
    }

    [Fact]
    public void V2_keeps_the_retired_code_on_record_but_not_in_its_templates()
    {
        var v2 = Set.Get(2);
        Assert.True(v2.IsRetired("CC_THU_XINLOI"));
        Assert.Null(v2.Find("CC_THU_XINLOI"));
        Assert.DoesNotContain(v2.Inputs, i => i.Code == "CC_THU_XINLOI");
        Assert.NotNull(Set.Get(1).Find("CC_THU_XINLOI"));
        Assert.Contains("CC_THU_XINLOI", Set.AllCodes);
    }

    [Fact]
    public void The_new_indicator_is_a_count_in_section_III_after_the_existing_ones()
    {
        var v2 = Set.Get(2);
        var added = v2["TD_PHANANH_SO"];
        Assert.Equal((IndicatorKind.Count, "III", "phản ánh"), (added.Kind, added.Section, added.UnitVi));
        Assert.Equal("TD_PHANANH_SO", v2.InSection("III").Last().Code);
        Assert.Equal(Set.Get(1).Inputs.Count(), v2.Inputs.Count());
        Assert.Equal(Set.Get(1).Sections, v2.Sections);
    }

    [Fact]
    public void Same_code_keeps_its_kind_and_the_relabel_keeps_the_code()
    {
        var v1 = Set.Get(1);
        var v2 = Set.Get(2);
        foreach (var i in v2.Indicators.Where(i => v1.Find(i.Code) is not null))
        {
            Assert.Equal(v1[i.Code].Kind, i.Kind);
        }
        Assert.Equal(v2["TD_DOAN_DONGNGUOI"].NameVi, Set.Describe("TD_DOAN_DONGNGUOI")!.NameVi);
    }

    private const string Header = "code,section,order,name_vi,unit_vi,kind,numerator,denominator,rule,retired,note\n";
    private const string Sections = "section,title_vi\nI,Một\n";

    [Fact]
    public void A_change_without_a_reason_fails_the_seed_check()
    {
        var v1 = CatalogueLoader.Parse(1, Header + "A,I,1,Chỉ tiêu A,cuộc,count,,,,,\nB,I,2,Chỉ tiêu B,cuộc,count,,,,,\n", Sections);
        var v2 = CatalogueLoader.Parse(2, Header + "A,I,1,Chỉ tiêu A,cuộc,count,,,,,\nB,I,2,Chỉ tiêu B mới,cuộc,count,,,,,\n", Sections);

        var ex = Assert.Throws<FormatException>(() => CatalogueValidator.RequireChangeNotes([v1, v2]));
        Assert.Contains("B is relabelled", ex.Message, StringComparison.Ordinal);

        var noted = CatalogueLoader.Parse(2, Header + "A,I,1,Chỉ tiêu A,cuộc,count,,,,,\nB,I,2,Chỉ tiêu B mới,cuộc,count,,,,,Ghi rõ nội dung\n", Sections);
        CatalogueValidator.RequireChangeNotes([v1, noted]);
        Assert.Equal("Ghi rõ nội dung", noted.NoteOf("B"));
    }

    [Theory]
    [InlineData("version,effective_from,reason_vi\n1,2019-Q1,a\n2,2019-Q1,b\n", "must take effect after")]
    [InlineData("version,effective_from,reason_vi\n1,2027-Q1,a\n2,2026-Q4,b\n", "must take effect after")]
    [InlineData("version,effective_from,reason_vi\n1,2019-Q1,a\n", "v2 has no effective_from")]
    [InlineData("version,effective_from,reason_vi\n1,2019-Q1,a\n2,2027-Q2,b\n3,2028-Q1,c\n", "version 3 has no indicators-v3.csv")]
    [InlineData("version,effective_from,reason_vi\n1,2019-Q1,a\n1,2020-Q1,a\n2,2027-Q2,b\n", "version 1 appears twice")]
    public void A_broken_schedule_fails_at_load(string csv, string expected)
    {
        var v1 = CatalogueLoader.Parse(1, Header + "A,I,1,Chỉ tiêu A,cuộc,count,,,,,\n", Sections);
        var v2 = CatalogueLoader.Parse(2, Header + "A,I,1,Chỉ tiêu A,cuộc,count,,,,,\n", Sections);

        var ex = Assert.Throws<FormatException>(() => CatalogueLoader.Combine([v1, v2], CatalogueLoader.ParseSchedule(csv)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cumulative_effective_date_is_refused() =>
        Assert.Contains("must be a quarter", Assert.Throws<FormatException>(
            () => CatalogueLoader.ParseSchedule("version,effective_from,reason_vi\n1,2027-H1,a\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_set_without_dates_keeps_the_latest_in_force()
    {
        var set = new CatalogueSet([Set.Get(1), Set.Get(2)]);
        Assert.Equal(2, set.For(Q(2020, 1)).Version);
    }
}
