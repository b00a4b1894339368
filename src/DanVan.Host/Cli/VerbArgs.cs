namespace DanVan.Host.Cli;

/// <summary>Parsed arguments of one verb: positionals, <c>--name value</c> options and <c>--flag</c> switches.</summary>
public sealed class VerbArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public VerbArgs(IEnumerable<string> args, IReadOnlySet<string> flagNames)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    _options[name[..eq]] = name[(eq + 1)..];
                }
                else if (flagNames.Contains(name) || i + 1 >= list.Count)
                {
                    _flags.Add(name);
                }
                else
                {
                    _options[name] = list[++i];
                }
            }
            else if (a == "-o" && i + 1 < list.Count)
            {
                _options["output"] = list[++i];
            }
            else
            {
                Positionals.Add(a);
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public IEnumerable<string> OptionNames => _options.Keys.Concat(_flags);
}
