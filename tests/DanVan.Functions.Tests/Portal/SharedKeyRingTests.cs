using System.Security.Claims;
using System.Text;
using System.Xml.Linq;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Storage;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVan.Functions.Tests.Portal;

/// <summary>
/// The portal's data-protection keys in blob storage (<see cref="BlobXmlRepository"/>): what one instance protects,
/// another built separately over the same storage reads; instances starting together lose no key.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private AzuriteLauncher _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteLauncher.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public void A_session_cookie_issued_by_one_instance_is_read_by_another()
    {
        using var a = PortalInstances.Build(_azurite.ConnectionString);
        using var b = PortalInstances.Build(_azurite.ConnectionString);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalUser.SessionClaim, "phien-1")], PortalAuth.CookieScheme));

        var cookie = Ticket(a).Protect(new AuthenticationTicket(principal, PortalAuth.CookieScheme));
        var read = Ticket(b).Unprotect(cookie);

        Assert.Equal("phien-1", read?.Principal.FindFirst(PortalUser.SessionClaim)?.Value);
    }

    [Fact]
    public async Task A_form_token_issued_by_one_instance_is_accepted_by_another()
    {
        using var a = PortalInstances.Build(_azurite.ConnectionString);
        using var b = PortalInstances.Build(_azurite.ConnectionString);
        var page = new DefaultHttpContext { RequestServices = a };
        var tokens = a.GetRequiredService<IAntiforgery>().GetAndStoreTokens(page);
        var cookie = page.Response.Headers.SetCookie.ToString().Split(';')[0];

        var post = new DefaultHttpContext { RequestServices = b };
        post.Request.Method = "POST";
        post.Request.Headers.Cookie = cookie;
        var body = Encoding.UTF8.GetBytes("__dv=" + Uri.EscapeDataString(tokens.RequestToken!));
        post.Request.ContentType = "application/x-www-form-urlencoded";
        post.Request.Body = new MemoryStream(body);
        post.Request.ContentLength = body.Length;

        Assert.True(await b.GetRequiredService<IAntiforgery>().IsRequestValidAsync(post));
    }

    [Fact]
    public async Task Instances_writing_their_first_keys_at_once_lose_none()
    {
        var container = new DanVanStorage(_azurite.ConnectionString).Container("race-" + Guid.NewGuid().ToString("N")[..12]);
        var instances = Enumerable.Range(0, 6).Select(_ => RaceInstance(container)).ToList();
        using var start = new Barrier(instances.Count);

        var payloads = await Task.WhenAll(instances.Select(p => Task.Run(() =>
        {
            start.SignalAndWait();
            return p.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Protect("bí mật");
        })));

        // An instance started afterwards reads every key any of them wrote.
        using var later = RaceInstance(container);
        Assert.All(payloads, payload => Assert.Equal("bí mật", later.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Unprotect(payload)));
        foreach (var p in instances)
        {
            p.Dispose();
        }
    }

    [Fact]
    public async Task Elements_stored_under_one_name_at_once_are_all_kept()
    {
        var container = new DanVanStorage(_azurite.ConnectionString).Container("same-" + Guid.NewGuid().ToString("N")[..12]);
        var repositories = Enumerable.Range(0, 8).Select(_ => new BlobXmlRepository(container)).ToList();

        await Task.WhenAll(repositories.Select((r, i) => Task.Run(() => r.StoreElement(new XElement("key", new XAttribute("id", i)), "key-1"))));

        var ids = new BlobXmlRepository(container).GetAllElements().Select(e => (int)e.Attribute("id")!).Order();
        Assert.Equal(Enumerable.Range(0, 8), ids);
    }

    [Fact]
    public void The_keys_live_in_the_portal_keys_container()
    {
        using var a = PortalInstances.Build(_azurite.ConnectionString);
        a.GetRequiredService<IDataProtectionProvider>().CreateProtector("x").Protect("y");

        var blobs = new DanVanStorage(_azurite.ConnectionString).Container(StorageNames.PortalKeys).GetBlobs().ToList();
        Assert.NotEmpty(blobs);
        Assert.IsType<BlobXmlRepository>(a.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    [Fact]
    public void Without_a_Key_Vault_key_an_Information_line_says_the_keys_are_stored_unencrypted()
    {
        var logs = new ListLogger();
        using var a = PortalInstances.Build(_azurite.ConnectionString, configure: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));

        a.GetRequiredService<IDataProtectionProvider>().CreateProtector("x").Protect("y");

        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Information
            && l.Category == typeof(PortalDataProtection).FullName && l.Message.Contains("unencrypted", StringComparison.Ordinal) && l.Message.Contains(StorageNames.PortalKeys, StringComparison.Ordinal));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Category, Microsoft.Extensions.Logging.LogLevel Level, string Message)> Lines { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ListLogger owner, string category) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }

    private static ServiceProvider RaceInstance(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(PortalDataProtection.ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobXmlRepository(container));
        return services.BuildServiceProvider();
    }

    private static ISecureDataFormat<AuthenticationTicket> Ticket(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PortalAuth.CookieScheme).TicketDataFormat;
}
