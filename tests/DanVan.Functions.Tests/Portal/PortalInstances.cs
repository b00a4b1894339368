using DanVan.Pipeline;
using DanVan.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Functions.Tests.Portal;

/// <summary>One portal "instance": its own service provider over a storage account, registered as both hosts register it.</summary>
internal static class PortalInstances
{
    public static ServiceProvider Build(string connection, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDanVanPipeline(connection);
        services.AddDanVanPortal(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
