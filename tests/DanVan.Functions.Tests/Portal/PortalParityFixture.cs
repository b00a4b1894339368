using System.Net;
using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Azurite;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Functions.Tests.Portal;

/// <summary>
/// One Azurite, the self-host (`danvan serve` in process, Kestrel) and the Functions worker's host (built, never run)
/// over it, with one clock: the same storage, keys and "now", so the same request must get the same answer from both.
/// </summary>
public sealed class PortalParityFixture : IAsyncLifetime
{
    public const string Unit = "21211";
    public static readonly PeriodKey Quarter = PeriodKey.ForQuarter(2026, 4);

    private AzuriteLauncher _azurite = null!;

    public ServeHost SelfHost { get; private set; } = null!;

    public IHost Worker { get; private set; } = null!;

    public string Agency { get; private set; } = "";

    public string Consolidator { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync();
        var clock = new FakeTimeProvider(ReportingCalendar.Default.Get(Quarter).DeadlineUtc.AddDays(-4));
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.NightlySchedule] = "0 0 0 1 1 *",
            [SettingNames.ConsolidationSchedule] = "0 0 0 1 1 *",
            [SettingNames.PendingSchedule] = "0 0 0 1 1 *",
            [SettingNames.ReconcileSchedule] = "0 0 0 1 1 *",
            [SettingNames.ReminderSchedule] = "0 0 0 1 1 *",
        };
        SelfHost = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = "t-" + Guid.NewGuid().ToString("N")[..20],
            StorageConnectionString = _azurite.ConnectionString,
            Settings = settings,
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }, CancellationToken.None);

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["DanVanStorage"] = _azurite.ConnectionString });
        FunctionsHostSetup.Configure(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        Worker = builder.Build();

        var keys = SelfHost.Services.GetRequiredService<AccessKeyStore>();
        Agency = (await keys.IssueAsync(AccessRole.Agency, Unit, "Xã Tịnh Khê", default)).Secret;
        Consolidator = (await keys.IssueAsync(AccessRole.Consolidator, null, "Sở Nội vụ", default)).Secret;
    }

    /// <summary>The self-host's answer over real HTTP (no cookie jar, no redirects followed: cookies are passed by hand).</summary>
    public async Task<Answer> SelfHostAsync(HttpMethod method, string pathAndQuery, string? cookie = null, IReadOnlyDictionary<string, string>? form = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(SelfHost.Url) };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        using var response = await http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join("\n", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// The HTTP function's answer: a real <see cref="DefaultHttpContext"/> for the same request (same host, scheme and
    /// client address as the self-host sees), with the worker's request services, through the function's IResult.
    /// </summary>
    public async Task<Answer> FunctionAsync<T>(Func<T, HttpRequest, IResult> function, HttpMethod method, string pathAndQuery, string? cookie = null, IReadOnlyDictionary<string, string>? form = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        await using var scope = Worker.Services.CreateAsyncScope();
        var address = new Uri(SelfHost.Url);
        var response = new CapturedResponse();
        var features = new FeatureCollection();
        var uri = new Uri(address, pathAndQuery);
        var requestFeature = new HttpRequestFeature
        {
            Method = method.Method,
            Scheme = address.Scheme,
            Protocol = "HTTP/1.1",
            Path = Uri.UnescapeDataString(uri.AbsolutePath),
            QueryString = uri.Query,
            Body = Stream.Null,
        };
        requestFeature.Headers.Host = address.Authority;
        if (cookie is not null)
        {
            requestFeature.Headers.Cookie = cookie;
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            requestFeature.Headers[name] = value;
        }
        if (form is not null)
        {
            var bytes = await new FormUrlEncodedContent(form).ReadAsByteArrayAsync();
            requestFeature.Body = new MemoryStream(bytes);
            requestFeature.Headers.ContentType = "application/x-www-form-urlencoded";
            requestFeature.Headers.ContentLength = bytes.Length;
        }
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            RemoteIpAddress = IPAddress.Loopback,
            LocalIpAddress = IPAddress.Loopback,
            LocalPort = address.Port,
            ConnectionId = Guid.NewGuid().ToString("N"),
        });
        var context = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider };

        var instance = ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider);
        await function(instance, context.Request).ExecuteAsync(context);
        await response.CompleteAsync();

        var answered = response.Headers.ToDictionary(h => h.Key, h => string.Join("\n", h.Value.Select(v => v ?? "")), StringComparer.OrdinalIgnoreCase);
        return new Answer(response.StatusCode, answered, response.Bytes);
    }

    public async Task DisposeAsync()
    {
        Worker.Dispose();
        await SelfHost.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>One response: status, headers (values of a repeated header joined by a line feed) and body.</summary>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>"name=value" of each Set-Cookie, without its attributes.</summary>
    public IReadOnlyList<string> Cookies => (Header("Set-Cookie") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split(';')[0]).ToList();

    public IReadOnlyList<string> CookieNames => Cookies.Select(c => c.Split('=')[0]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The cookies to send back, as a browser would (a cookie set empty is deleted).</summary>
    public string CookieHeader(string? previous = null)
    {
        var jar = (previous ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries).ToDictionary(c => c.Split('=')[0], c => c);
        foreach (var c in Cookies)
        {
            var name = c.Split('=')[0];
            if (c.EndsWith('='))
            {
                jar.Remove(name);
            }
            else
            {
                jar[name] = c;
            }
        }
        return string.Join("; ", jar.Values);
    }
}
