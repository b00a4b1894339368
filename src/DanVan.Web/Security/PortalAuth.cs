using System.Net;
using System.Text.Encodings.Web;
using DanVan.Pipeline.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Security;

/// <summary>
/// Authentication and authorization of the portal, in one place. Browsers: a cookie holding a data-protected ticket
/// with a session id only (never the key), checked against <see cref="SessionStore"/> on every request. Scripts:
/// the key in the <see cref="Header"/> header, through <see cref="KeyHeaderHandler"/>.
/// </summary>
public static class PortalAuth
{
    public const string Header = "X-DanVan-Key";
    public const string Scheme = "danvan";
    public const string KeyScheme = "danvan-key";
    public const string CookieScheme = "danvan-cookie";
    public const string LocalCookieScheme = "danvan-cookie-local";

    /// <summary>HTTPS (directly or behind a configured proxy): the browser keeps it only for this host, over TLS.</summary>
    public const string CookieName = "__Host-danvan";

    /// <summary>
    /// Plain http on a loopback host (`danvan serve` on a developer's machine): browsers refuse Secure and __Host-
    /// cookies there, so this name, without Secure. Never used for any other host.
    /// </summary>
    public const string LocalCookieName = "danvan-local";

    public const string Agency = "agency";
    public const string Consolidator = "consolidator";
    public const string Reader = "reader";
    public const string Uploader = "uploader";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    public static IServiceCollection AddPortalAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, KeyHeaderHandler>(KeyScheme, null)
            .AddCookie(CookieScheme, o => Configure(o, CookieName, CookieSecurePolicy.Always))
            .AddCookie(LocalCookieScheme, o => Configure(o, LocalCookieName, CookieSecurePolicy.SameAsRequest));
        services.AddAuthorizationBuilder()
            .AddPolicy(Agency, p => p.RequireRole("agency"))
            .AddPolicy(Consolidator, p => p.RequireRole("consolidator"))
            .AddPolicy(Reader, p => p.RequireRole("consolidator", "leader"))
            .AddPolicy(Uploader, p => p.RequireRole("agency", "consolidator"));
        return services;
    }

    /// <summary>The key header when present; otherwise the cookie that fits the connection.</summary>
    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.ContainsKey(Header) ? KeyScheme : CookieSchemeFor(context.Request);

    public static string CookieSchemeFor(HttpRequest request) => !request.IsHttps && IsLoopback(request.Host.Host) ? LocalCookieScheme : CookieScheme;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static void Configure(CookieAuthenticationOptions o, string name, CookieSecurePolicy secure)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = secure;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = SessionLifetime;
        o.SlidingExpiration = false;
        o.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateSessionAsync,
            OnRedirectToLogin = c =>
            {
                if (WantsJson(c.Request))
                {
                    c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    c.Response.Redirect("/dang-nhap?tiep=" + Uri.EscapeDataString(c.Request.Path + c.Request.QueryString));
                }
                return Task.CompletedTask;
            },
            // A signed-in user asking for what their role may not: 403, and the status page explains it.
            OnRedirectToAccessDenied = c =>
            {
                c.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            },
        };
    }

    public static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Every request: the session must be live and its key active; the principal is rebuilt from the key.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirst(PortalUser.SessionClaim)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var key = await sessions.ResolveAsync(sessionId, context.HttpContext.RequestAborted);
        if (key is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }
        context.ReplacePrincipal(PortalUser.Principal(key, sessionId, context.Scheme.Name));
    }
}

/// <summary>Scripts: the access key in the X-DanVan-Key header, checked on each request like a session.</summary>
public sealed class KeyHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(PortalAuth.Header, out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.ResolveAsync(secret.ToString(), Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("Unknown or revoked access key")
            : AuthenticateResult.Success(new AuthenticationTicket(PortalUser.Principal(key, null, Scheme.Name), Scheme.Name));
    }
}
