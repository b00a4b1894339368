namespace DanVan.Core.Catalogue;

public enum IndicatorKind
{
    /// <summary>Entered per period; sums across units and across quarters.</summary>
    Count,
    /// <summary>A level at the window's end; sums across units, cumulative periods take the latest quarter.</summary>
    Snapshot,
    /// <summary>Computed from summed numerator and denominator; never entered, never averaged.</summary>
    Ratio,
    /// <summary>Narrative.</summary>
    Text,
}

public enum Severity
{
    Error,
    Warning,
}

public enum RuleOperator
{
    LessOrEqual,
    GreaterOrEqual,
}

/// <summary>A cross-field check: <c>Left Op Right</c>, e.g. CC_HS_TRUCTUYEN &lt;= CC_HS_TIEPNHAN.</summary>
public sealed record CrossFieldRule(string Left, RuleOperator Operator, string Right, Severity Severity)
{
    public bool Holds(long left, long right) => Operator == RuleOperator.LessOrEqual ? left <= right : left >= right;
}

public sealed record Indicator(
    string Code,
    string Section,
    int Order,
    string NameVi,
    string UnitVi,
    IndicatorKind Kind,
    string? Numerator,
    string? Denominator,
    CrossFieldRule? Rule)
{
    /// <summary>Entered by agencies (everything but ratios).</summary>
    public bool IsInput => Kind != IndicatorKind.Ratio;

    public bool IsNumeric => Kind != IndicatorKind.Text;
}

public sealed record Section(string Code, string TitleVi);
