using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DanVan.Bench;

/// <summary>The pipeline as a host wires it, over a synthetic registry and a fixed clock; logging off.</summary>
public static class BenchServices
{
    public static ServiceProvider Build(string connectionString, UnitRegistry registry, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // Registered before AddDanVanPipeline, whose TryAdd then keeps these.
        services.AddSingleton(new ReferenceData(ReportingCalendar.Default, registry, CatalogueSet.Default));
        services.AddSingleton(time);
        services.AddDanVanPipeline(connectionString);
        return services.BuildServiceProvider();
    }
}
