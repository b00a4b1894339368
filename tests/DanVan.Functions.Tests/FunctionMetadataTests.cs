using System.Text.Json;
using DanVan.Functions.Portal;
using DanVan.Pipeline;
using DanVan.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Functions.Tests;

/// <summary>
/// The Functions host indexes the app from the functions.metadata the Worker SDK generates at build time;
/// what it says is what Azure will run, so it is checked instead of trusting the attributes.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    [Fact]
    public void Lists_the_seven_blob_queue_and_timer_functions_and_only_HTTP_functions_besides()
    {
        var names = Functions.Value.Where(f => Trigger(f) != "httpTrigger").Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["ConsolidateNightly", "ConsolidateOnSchedule", "ConsolidatePending", "IngestQueued", "IngestUpload", "ReconcileUploads", "RemindDaily"], names);
    }

    /// <summary>Every route and method the portal maps (its own endpoint list) is an HTTP function, and nothing else is.</summary>
    [Fact]
    public void HTTP_functions_are_exactly_the_portals_routes_and_methods()
    {
        var functions = Functions.Value.Where(f => Trigger(f) == "httpTrigger")
            .SelectMany(f =>
            {
                var trigger = f.GetProperty("bindings")[0];
                var route = trigger.GetProperty("route").GetString()!;
                return trigger.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} /{(route == PublicFunctions.RootRoute ? "" : route)}");
            })
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(PortalRoutes(), functions);
    }

    [Fact]
    public void HTTP_functions_are_anonymous_and_answer_through_their_return_value()
    {
        Assert.All(Functions.Value.Where(f => Trigger(f) == "httpTrigger"), f =>
        {
            var bindings = f.GetProperty("bindings").EnumerateArray().ToList();
            Assert.Equal(2, bindings.Count);
            Assert.Equal("Anonymous", bindings[0].GetProperty("authLevel").GetString());
            Assert.Equal("http", bindings[1].GetProperty("type").GetString());
            Assert.Equal("$return", bindings[1].GetProperty("name").GetString());
            Assert.StartsWith("Portal", f.GetProperty("name").GetString(), StringComparison.Ordinal);
        });
    }

    /// <summary>The host gives an empty route the function's name, so the root is an optional parameter only "" satisfies.</summary>
    [Theory]
    [InlineData("/", true)]
    [InlineData("/healthz", false)]
    [InlineData("/don-vi", false)]
    [InlineData("/x", false)]
    public async Task The_root_route_matches_the_site_root_only(string path, bool matches)
    {
        using var services = new ServiceCollection().AddRouting().AddLogging().BuildServiceProvider();
        var route = new Route(new RouteHandler(_ => Task.CompletedTask), PublicFunctions.RootRoute, services.GetRequiredService<IInlineConstraintResolver>());
        var context = new RouteContext(new DefaultHttpContext { RequestServices = services, Request = { Path = path } });

        await route.RouteAsync(context);

        Assert.Equal(matches, context.Handler is not null);
    }

    /// <summary>"METHOD /route" of every endpoint the portal maps, read from an app that maps it as the self-host does.</summary>
    private static List<string> PortalRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddDanVanPipeline("UseDevelopmentStorage=true");
        builder.Services.AddDanVanPortal(builder.Configuration);
        using var app = builder.Build();
        app.MapDanVanPortal();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        return endpoints
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static string? Trigger(JsonElement function) => function.GetProperty("bindings")[0].GetProperty("type").GetString();

    [Fact]
    public void IngestQueued_is_a_queue_trigger_on_the_ingest_requests_queue()
    {
        var trigger = SingleBinding("IngestQueued");
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("ingest-requests", trigger.GetProperty("queueName").GetString());
        Assert.Equal("DanVanStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void ReconcileUploads_is_a_timer_on_its_setting()
    {
        var trigger = SingleBinding("ReconcileUploads");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DanVan:ReconcileSchedule%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void IngestUpload_is_an_event_grid_blob_trigger_on_uploads()
    {
        var trigger = SingleBinding("IngestUpload");
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("uploads/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("DanVanStorage", trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("ConsolidateOnSchedule", "%DanVan:ConsolidationSchedule%")]
    [InlineData("ConsolidateNightly", "%DanVan:NightlySchedule%")]
    [InlineData("ConsolidatePending", "%DanVan:PendingSchedule%")]
    [InlineData("RemindDaily", "%DanVan:ReminderSchedule%")]
    public void Timers_read_their_schedule_from_app_settings(string function, string schedule)
    {
        var trigger = SingleBinding(function);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Every_function_is_dotnet_isolated_in_the_app_assembly()
    {
        Assert.All(Functions.Value, f =>
        {
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
            Assert.Equal("DanVan.Functions.dll", f.GetProperty("scriptFile").GetString());
            Assert.StartsWith("DanVan.Functions.", f.GetProperty("entryPoint").GetString(), StringComparison.Ordinal);
        });
    }

    private static JsonElement SingleBinding(string function)
    {
        var entry = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == function);
        // Exactly one binding: the trigger. Anything else (outputs, inputs) would be logic outside the services.
        return Assert.Single(entry.GetProperty("bindings").EnumerateArray());
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(TestPaths.FunctionsOutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not generated at {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
