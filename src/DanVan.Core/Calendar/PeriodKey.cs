using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DanVan.Core.Calendar;

/// <summary>What a period covers: one quarter, or a cumulative roll-up of quarters from Q1.</summary>
public enum PeriodKind
{
    Quarter,
    HalfYear,
    NineMonths,
    Year,
}

/// <summary>
/// A reporting period key: <c>2025-Q3</c>, <c>2025-H1</c>, <c>2025-M9</c>, <c>2025-Y</c>.
/// <see cref="Quarter"/> is 1–4 for quarters and the last quarter covered for cumulative periods.
/// </summary>
public readonly record struct PeriodKey : IComparable<PeriodKey>
{
    public int Year { get; }
    public PeriodKind Kind { get; }
    public int Quarter { get; }

    private PeriodKey(int year, PeriodKind kind, int quarter)
    {
        Year = year;
        Kind = kind;
        Quarter = quarter;
    }

    public static PeriodKey ForQuarter(int year, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.");
        }
        return new PeriodKey(year, PeriodKind.Quarter, quarter);
    }

    public static PeriodKey Cumulative(int year, PeriodKind kind) => kind switch
    {
        PeriodKind.HalfYear => new PeriodKey(year, kind, 2),
        PeriodKind.NineMonths => new PeriodKey(year, kind, 3),
        PeriodKind.Year => new PeriodKey(year, kind, 4),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a cumulative period kind."),
    };

    public bool IsCumulative => Kind != PeriodKind.Quarter;

    /// <summary>The quarters whose reports make up this period (one for a quarter).</summary>
    public IReadOnlyList<PeriodKey> Quarters
    {
        get
        {
            if (!IsCumulative)
            {
                return [this];
            }
            var year = Year;
            return Enumerable.Range(1, Quarter).Select(q => ForQuarter(year, q)).ToArray();
        }
    }

    /// <summary>The quarter before this period's last quarter (Q4 of the previous year for Q1).</summary>
    public PeriodKey PreviousQuarter => Quarter == 1 ? ForQuarter(Year - 1, 4) : ForQuarter(Year, Quarter - 1);

    /// <summary>The same period one year earlier.</summary>
    public PeriodKey SamePeriodLastYear => new(Year - 1, Kind, Quarter);

    public override string ToString() => Kind switch
    {
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Quarter}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year}-H1"),
        PeriodKind.NineMonths => string.Create(CultureInfo.InvariantCulture, $"{Year}-M9"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}-Y"),
    };

    public static PeriodKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a period key such as 2025-Q3, 2025-H1, 2025-M9 or 2025-Y.");

    public static bool TryParse([NotNullWhen(true)] string? text, out PeriodKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().ToUpperInvariant().Split('-');
        if (parts.Length != 2 || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2200)
        {
            return false;
        }
        switch (parts[1])
        {
            case "Q1" or "Q2" or "Q3" or "Q4":
                key = ForQuarter(year, parts[1][1] - '0');
                return true;
            case "H1":
                key = Cumulative(year, PeriodKind.HalfYear);
                return true;
            case "M9":
                key = Cumulative(year, PeriodKind.NineMonths);
                return true;
            case "Y":
                key = Cumulative(year, PeriodKind.Year);
                return true;
            default:
                return false;
        }
    }

    public int CompareTo(PeriodKey other)
    {
        var c = Year.CompareTo(other.Year);
        if (c != 0) return c;
        c = Quarter.CompareTo(other.Quarter);
        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }
}
