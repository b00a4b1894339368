using DanVan.Core.Registry;

namespace DanVan.Bench;

/// <summary>
/// Deterministic registries of a given size under the province "51": after the July 2025 merger
/// (departments and communes directly under the province) or before it (communes under districts).
/// </summary>
public static class SyntheticRegistry
{
    public const string Province = "51";

    public static readonly DateOnly Merger = new(2025, 7, 1);

    private static readonly DateOnly Since = new(2016, 7, 25);

    /// <summary>N reporting units valid from 2025-07-01: ~2% departments, the rest communes, all under 51.</summary>
    public static UnitRegistry AfterMerger(int units)
    {
        var list = new List<ReportingUnit> { Root() };
        var departments = Math.Max(1, (int)Math.Round(units * 0.02));
        for (var i = 0; i < departments; i++)
        {
            list.Add(new ReportingUnit(DepartmentCode(i), $"Sở số {i + 1}", UnitLevel.So, Merger, null, [new ParentSpan(Province, Merger, null)], []));
        }
        for (var i = 0; i < units - departments; i++)
        {
            list.Add(new ReportingUnit(CommuneCode(i), CommuneName(i), UnitLevel.Xa, Merger, null, [new ParentSpan(Province, Merger, null)], []));
        }
        return new UnitRegistry(list);
    }

    /// <summary>
    /// N reporting units for a quarter before July 2025: ~2% departments, districts (one per 18 communes,
    /// valid to 2025-06-30) and communes whose parent is their district until 2025-06-30, the province after.
    /// </summary>
    public static UnitRegistry BeforeMerger(int units)
    {
        var list = new List<ReportingUnit> { Root() };
        var departments = Math.Max(1, (int)Math.Round(units * 0.02));
        var rest = units - departments;
        var districts = Math.Max(1, (int)Math.Round(rest / 19.0));
        var communes = rest - districts;
        var beforeMerger = Merger.AddDays(-1);
        for (var i = 0; i < departments; i++)
        {
            list.Add(new ReportingUnit(DepartmentCode(i), $"Sở số {i + 1}", UnitLevel.So, Since, null, [new ParentSpan(Province, Since, null)], []));
        }
        for (var d = 0; d < districts; d++)
        {
            list.Add(new ReportingUnit($"H{d:D4}", $"Huyện số {d + 1}", UnitLevel.Huyen, Since, beforeMerger, [new ParentSpan(Province, Since, beforeMerger)], []));
        }
        for (var i = 0; i < communes; i++)
        {
            var district = $"H{i % districts:D4}";
            list.Add(new ReportingUnit(CommuneCode(i), CommuneName(i), UnitLevel.Xa, Since, null,
                [new ParentSpan(district, Since, beforeMerger), new ParentSpan(Province, Merger, null)], []));
        }
        return new UnitRegistry(list);
    }

    public static string CommuneCode(int i) => $"X{i:D5}";

    private static string DepartmentCode(int i) => $"SO-{i:D3}";

    private static string CommuneName(int i) => $"Xã Thử Nghiệm {i + 1}";

    private static ReportingUnit Root() => new(Province, "Tỉnh Quảng Ngãi", UnitLevel.Tinh, Since, null, [], []);
}
