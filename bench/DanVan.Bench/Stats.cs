namespace DanVan.Bench;

/// <summary>Order statistics over a sample of durations in milliseconds.</summary>
public sealed class Stats
{
    private readonly double[] _sorted;

    public Stats(IEnumerable<double> samples)
    {
        _sorted = samples.Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double Mean => _sorted.Length == 0 ? 0 : _sorted.Average();

    public double Min => _sorted.Length == 0 ? 0 : _sorted[0];

    public double Max => _sorted.Length == 0 ? 0 : _sorted[^1];

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public StatsSummary Summary() => new(Count, Round(P50), Round(P95), Round(Mean), Round(Min), Round(Max));

    public static double Round(double value) => Math.Round(value, 2);
}

public sealed record StatsSummary(int Count, double P50Ms, double P95Ms, double MeanMs, double MinMs, double MaxMs);
