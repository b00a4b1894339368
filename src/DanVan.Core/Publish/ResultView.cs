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
    /// One figure as a cell: counts as numbers; ratios as Vietnamese text (95,5) because no number format can fix
    /// the decimal separator, and "—" when the denominator is 0. Blank = not reported.
    /// </summary>
    public static BodyCell Figure(IndicatorColumn indicator, decimal? value, decimal? denominator, RowFill fill)
    {
        if (indicator.Kind != IndicatorKind.Ratio)
        {
            return BodyCell.Of(value, fill);
        }
        return BodyCell.Of(value is not null || denominator == 0 ? VnText.Ratio(value) : null, CellKind.Ratio, fill);
    }

    public BodyCell AggregateFigure(int indicator, string scope, RowFill fill)
    {
        var a = Aggregate(scope, Numeric[indicator].Code);
        return Figure(Numeric[indicator], a?.Value, a?.Denominator, fill);
    }

    public BodyCell UnitFigure(int indicator, UnitRow unit, RowFill fill)
    {
        var den = DenominatorIndex[indicator];
        return Figure(Numeric[indicator], unit.Values[indicator], den < 0 ? null : unit.Values[den], fill);
    }

    /// <summary>Writes a figure into a ClosedXML cell (the small "Tổng hợp" sheet).</summary>
    public static void Write(IXLCell cell, IndicatorColumn indicator, decimal? value, decimal? denominator)
    {
        var figure = Figure(indicator, value, denominator, RowFill.None);
        if (figure.Number is { } n)
        {
            cell.SetValue(n);
        }
        else if (figure.Text is { } t)
        {
            cell.Text(t);
        }
    }

    public void WriteAggregate(IXLCell cell, int indicator, string scope)
    {
        var a = Aggregate(scope, Numeric[indicator].Code);
        Write(cell, Numeric[indicator], a?.Value, a?.Denominator);
    }
}
