using System.Reflection;

namespace DanVan.Functions.Tests;

/// <summary>Paths the csproj bakes into this assembly (see AssemblyMetadata items there).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Get("RepositoryRoot");

    public static string FunctionsOutputDirectory => Get("FunctionsOutputDirectory");

    private static string Get(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"AssemblyMetadata '{key}' is missing; see DanVan.Functions.Tests.csproj.");
}
