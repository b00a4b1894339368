using System.Reflection;

namespace DanVan.Core;

/// <summary>Reads the data files of <c>seeds/</c>, embedded in this assembly so the core stays free of file I/O.</summary>
public static class Seeds
{
    private static readonly Assembly Assembly = typeof(Seeds).Assembly;
    private const string Prefix = "DanVan.Seeds.";

    /// <summary>Names relative to <c>seeds/</c>, with '/' separators, e.g. <c>regime/regime-v1.json</c>.</summary>
    public static IReadOnlyList<string> Names() => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string ReadText(string name)
    {
        using var stream = Open(name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Stream Open(string name)
    {
        var resource = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n[Prefix.Length..].Replace('\\', '/') == name);
        return resource is null
            ? throw new FileNotFoundException($"Seed '{name}' is not embedded in DanVan.Core.", name)
            : Assembly.GetManifestResourceStream(resource)!;
    }
}
