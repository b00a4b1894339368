namespace DanVan.Core.Registry;

/// <summary>Reads the effective-dated registry from seeds/registry/.</summary>
public static class RegistryLoader
{
    // Filled by the domain issue (#3): seeds/registry/ and its parser.
    public static UnitRegistry LoadFromSeeds() => throw new NotImplementedException("seeds/registry is not built yet");
}
