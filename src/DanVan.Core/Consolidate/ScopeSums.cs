namespace DanVan.Core.Consolidate;

/// <summary>Running input sums per scope, in the order scopes were declared.</summary>
internal sealed class ScopeSums(IndicatorLayout layout)
{
    private readonly Dictionary<string, long?[]> _sums = new(StringComparer.Ordinal);
    private readonly List<(string Scope, string NameVi)> _order = [];

    public IReadOnlyList<(string Scope, string NameVi)> Declared => _order;

    public void Declare(string scope, string nameVi)
    {
        if (_sums.TryAdd(scope, new long?[layout.Numeric.Count]))
        {
            _order.Add((scope, nameVi));
        }
    }

    public bool Has(string scope) => _sums.ContainsKey(scope);

    public void Add(string scope, long?[] inputs) => UnitFigures.AddInto(_sums[scope], inputs);

    /// <summary>The scope's values (ratios recomputed from summed inputs); null when the scope is not declared.</summary>
    public decimal?[]? Values(string scope) => _sums.TryGetValue(scope, out var s) ? layout.Values(s) : null;

    /// <summary>For each numeric indicator, a ratio's summed denominator (else null); null when the scope is not declared.</summary>
    public long?[]? Denominators(string scope) => _sums.TryGetValue(scope, out var s)
        ? layout.RatioInputs.Select(r => r.Denominator < 0 ? null : s[r.Denominator]).ToArray()
        : null;

    public IEnumerable<AggregateRow> Rows()
    {
        foreach (var (scope, name) in _order)
        {
            var inputs = _sums[scope];
            var values = layout.Values(inputs);
            for (var i = 0; i < values.Length; i++)
            {
                var (num, den) = layout.RatioInputs[i];
                yield return new AggregateRow(
                    scope,
                    name,
                    layout.Numeric[i].Code,
                    values[i],
                    num < 0 ? null : inputs[num],
                    den < 0 ? null : inputs[den]);
            }
        }
    }
}
