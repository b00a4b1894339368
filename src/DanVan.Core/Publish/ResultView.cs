using ClosedXML.Excel;
using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>Dictionary lookups over a result so every sheet stays linear in its rows.</summary>
internal sealed class ResultView
{
    private readonly Dictionary<(string Scope, string Code), AggregateRow> _aggregates = [];
    private readonly Dictionary<(string Scope, string Code), ComparisonRow> _comparisons = [];

    public ResultView(ConsolidationResult result)
    {
        Result = result;
        Numeric = result.NumericIndicators;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Numeric.Count; i++)
        {
            index[Numeric[i].Code] = i;
        }
        DenominatorIndex = Numeric.Select(i => i.Kind == IndicatorKind.Ratio && i.Denominator is { } d && index.TryGetValue(d, out var n) ? n : -1).ToArray();
        foreach (var a in result.Aggregates)
        {
            _aggregates[(a.Scope, a.IndicatorCode)] = a;
        }
        foreach (var c in result.Comparisons)
        {
            _comparisons[(c.Scope, c.IndicatorCode)] = c;
        }
    }

    public ConsolidationResult Result { get; }

    public IReadOnlyList<IndicatorColumn> Numeric { get; }

    /// <summary>For each numeric indicator, the index of a ratio's denominator (to tell "—" from "not reported"), else -1.</summary>
    public IReadOnlyList<int> DenominatorIndex { get; }

    public AggregateRow? Aggregate(string scope, string code) => _aggregates.GetValueOrDefault((scope, code));

    public ComparisonRow? Comparison(string scope, string code) => _comparisons.GetValueOrDefault((scope, code));

    public bool HasScope(string scope) => Numeric.Count > 0 && _aggregates.ContainsKey((scope, Numeric[0].Code));

    /// <summary>
    /// Writes one figure: counts as numbers; ratios as Vietnamese text (95,5) because a decimal separator cannot
    /// be fixed by a number format, and "—" when the denominator is 0. Blank = not reported.
    /// </summary>
    public static void Write(IXLCell cell, IndicatorColumn indicator, decimal? value, decimal? denominator)
    {
        if (indicator.Kind != IndicatorKind.Ratio)
        {
            cell.Number(value);
        }
        else if (value is not null || denominator == 0)
        {
            cell.Text(VnText.Ratio(value));
        }
    }

    public void WriteAggregate(IXLCell cell, int indicator, string scope)
    {
        var a = Aggregate(scope, Numeric[indicator].Code);
        Write(cell, Numeric[indicator], a?.Value, a?.Denominator);
    }

    public void WriteUnit(IXLCell cell, int indicator, UnitRow unit)
    {
        var den = DenominatorIndex[indicator];
        Write(cell, Numeric[indicator], unit.Values[indicator], den < 0 ? null : unit.Values[den]);
    }
}
