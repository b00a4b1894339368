using DanVan.Web.Handlers;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Web;

/// <summary>
/// The portal: services, middleware and every endpoint. Each endpoint's logic is a named static handler
/// (Handlers/*), so the Functions app can map the same handlers to HTTP functions.
/// </summary>
public static class PortalEndpoints
{
    /// <summary>Addresses of TLS proxies whose X-Forwarded-For/-Proto are trusted (comma-separated IPs).</summary>
    public const string TrustedProxiesSetting = "DanVan:Portal:TrustedProxies";

    public static IServiceCollection AddDanVanPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        // Vietnamese letters as themselves, not as numeric entities: pages a third smaller on a slow line.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "danvan-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__dv";
        });
        services.AddRouting();
        // One key ring for every instance (blob container portal-keys), so a session survives scale-out and restarts.
        services.AddPortalDataProtection(configuration);
        services.AddPortalAuth();
        services.AddPortalGuards();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var address in (configuration[TrustedProxiesSetting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            }
        });
        return services;
    }

    /// <summary>Middleware in order, then the endpoints (the self-host's Kestrel app).</summary>
    public static WebApplication UseDanVanPortal(this WebApplication app)
    {
        app.UsePortalMiddleware();
        app.MapDanVanPortal();
        return app;
    }

    /// <summary>
    /// The whole portal as one <see cref="RequestDelegate"/> over <paramref name="services"/>: the same middleware and
    /// endpoints as <see cref="UseDanVanPortal"/>, for a host that owns no ASP.NET Core pipeline of its own (each HTTP
    /// function of the Functions app runs its request through this).
    /// </summary>
    public static RequestDelegate BuildPortalPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UsePortalMiddleware();
        app.UseEndpoints(e => e.MapDanVanPortal());
        return app.Build();
    }

    /// <summary>The portal's middleware, in order; one list for both hosts. Endpoints come after it.</summary>
    public static IApplicationBuilder UsePortalMiddleware(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.Use(PortalGuards.SecurityHeaders);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = null, ExceptionHandlingPath = "/loi" });
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.Use(PortalGuards.UploadLimits);
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapDanVanPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/static/{name}", PublicHandlers.Asset);
        app.MapMethods("/loi", ["GET", "POST", "HEAD"], PublicHandlers.Error);
        app.MapMethods("/loi/{code:int}", ["GET", "POST", "HEAD"], PublicHandlers.Status);
        app.MapGet("/", PublicHandlers.Home);
        app.MapGet("/dang-nhap", PublicHandlers.SignInForm);
        app.MapPost("/dang-nhap", PublicHandlers.SignIn);
        app.MapPost("/dang-xuat", PublicHandlers.SignOut);
        app.MapAgency();
        app.MapConsolidator();
        app.MapReaders();
        return app;
    }
}
