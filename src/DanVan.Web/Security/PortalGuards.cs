using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using DanVan.Pipeline;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Web.Security;

/// <summary>Marks an endpoint that takes a report file: its size and the key's concurrent uploads are limited before the body is read.</summary>
public sealed class UploadEndpointMetadata;

/// <summary>Headers, limits and checks every page and form shares.</summary>
public static class PortalGuards
{
    public const string UploadPolicy = "uploads";

    /// <summary>A file may be this much larger than the report limit: the multipart envelope and the form's other fields.</summary>
    public const long MultipartOverhead = 64 * 1024;

    public static IServiceCollection AddPortalGuards(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Two uploads at a time per key: a script in a loop cannot hold every connection of the host.
            o.AddPolicy(UploadPolicy, context => RateLimitPartition.GetConcurrencyLimiter(
                context.User.FindFirst(PortalUser.KeyClaim)?.Value ?? "anonymous",
                _ => new ConcurrencyLimiterOptions { PermitLimit = 2, QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>CSP without inline script or style, no framing, no sniffing; pages of a unit's data are never cached.</summary>
    public static async Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/static"))
            {
                // Everything but the stylesheet and script shows someone's data or depends on who asks.
                h.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        await next(context);
    }

    /// <summary>An upload larger than the limit is refused from its Content-Length, before a byte of the body is read.</summary>
    public static async Task UploadLimits(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadEndpointMetadata>() is not null && HttpMethods.IsPost(context.Request.Method))
        {
            var limit = context.RequestServices.GetRequiredService<IngestOptions>().MaxFileBytes + MultipartOverhead;
            if (context.Request.ContentLength is not { } length || length > limit)
            {
                context.Response.StatusCode = context.Request.ContentLength is null ? StatusCodes.Status411LengthRequired : StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
        }
        await next(context);
    }

    /// <summary>
    /// Anti-forgery for a form a browser posts. A request authenticated by the key header carries no ambient
    /// credential a forged form could ride on, so scripts do not need the token.
    /// </summary>
    public static async Task<bool> FormIsGenuineAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(PortalAuth.Header))
        {
            return true;
        }
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>A return address from a form or query: a path of this site, or "/". Tabs, control characters, `//` and `/\` never pass.</summary>
    public static string LocalPath(string? next)
    {
        if (string.IsNullOrEmpty(next) || next.Length > 500 || next[0] != '/')
        {
            return "/";
        }
        if (next.Length > 1 && (next[1] == '/' || next[1] == '\\'))
        {
            return "/";
        }
        return next.Any(c => char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c)) ? "/" : next;
    }
}

/// <summary>
/// Failed sign-ins per client address: the 11th failure within a minute (and every attempt after it that minute)
/// gets HTTP 429. Only failures count, so an office behind one address signing in normally is never slowed.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FailuresPerMinute = 10;

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public bool IsBlocked(HttpContext context) =>
        _windows.TryGetValue(Client(context), out var w) && w.Count(time.GetUtcNow()) >= FailuresPerMinute;

    public void RecordFailure(HttpContext context)
    {
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(Client(context), _ => new Window(now, 1), (_, w) => w.Count(now) == 0 ? new Window(now, 1) : w with { Failures = w.Failures + 1 });
        if (_windows.Count > 10_000)
        {
            // Forget old windows so a scan from many addresses cannot grow this without bound.
            foreach (var (k, w) in _windows)
            {
                if (w.Count(now) == 0)
                {
                    _windows.TryRemove(k, out _);
                }
            }
        }
    }

    private static string Client(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private sealed record Window(DateTimeOffset StartedUtc, int Failures)
    {
        public int Count(DateTimeOffset now) => now - StartedUtc < TimeSpan.FromMinutes(1) ? Failures : 0;
    }
}
