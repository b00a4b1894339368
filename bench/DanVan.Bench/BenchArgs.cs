using System.Globalization;

namespace DanVan.Bench;

/// <summary>The command line: a verb, then options.</summary>
public sealed record BenchArgs(string Verb, bool Quick, int Units, string Variant, string? Storage, string? Output)
{
    public int Clerks { get; init; }

    public double Minutes { get; init; }

    public static BenchArgs Parse(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        var quick = false;
        var units = 0;
        var variant = DanVan.Bench.Variant.After.Name;
        string? storage = null;
        string? output = null;
        var clerks = 0;
        var minutes = 0d;
        for (var i = verb == "all" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? 0 : 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--units":
                    units = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--variant":
                    variant = Next();
                    break;
                case "--storage":
                    storage = Next();
                    break;
                case "--clerks":
                    clerks = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--minutes":
                    minutes = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = Next();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        return new BenchArgs(verb, quick, units, variant, storage, output) { Clerks = clerks, Minutes = minutes };
    }
}
