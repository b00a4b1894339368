using System.Net;
using System.Text.RegularExpressions;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Integration.Tests.Portal;

/// <summary>Sign-in, sessions, cookies, throttling, return addresses, headers and upload limits, over real HTTP.</summary>
[Collection(SelfHostCollection.Name)]
public sealed partial class SessionTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_signed_out_session_replayed_is_refused()
    {
        using var http = portal.Client();
        var signIn = await SignInAsync(http, portal.Agency, "/");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/don-vi", signIn.Headers.Location?.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("danvan-local=", StringComparison.Ordinal));
        // Plain http on loopback: not Secure, but HttpOnly and SameSite=Strict, and it does not hold the key.
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(portal.Agency, cookie, StringComparison.Ordinal);
        var value = cookie.Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/don-vi")).StatusCode);
        var home = await http.GetStringAsync("/don-vi");
        var token = Token(home);
        var signOut = await http.PostAsync("/dang-xuat", new FormUrlEncodedContent(new Dictionary<string, string> { ["__dv"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The old cookie, replayed by hand: the session ended on the server, so it is refused.
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(portal.Host.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/don-vi");
        request.Headers.Add("Cookie", value);
        var replayed = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/dang-nhap", replayed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_revoked_key_ends_its_sessions_at_the_next_request()
    {
        var keys = portal.Host.Services.GetRequiredService<AccessKeyStore>();
        var (key, secret) = await keys.IssueAsync(AccessRole.Leader, null, "Tạm", default);
        using var http = portal.Client();
        await SignInAsync(http, secret, "/");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/lanh-dao")).StatusCode);
        await keys.RevokeAsync(key.Id, default);
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/lanh-dao")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_TLS_proxy_the_cookie_is_Host_prefixed_and_Secure()
    {
        using var http = portal.Client();
        var signIn = await SignInAsync(http, portal.Leader, "/ky/2026-Q4", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal("/ky/2026-Q4", signIn.Headers.Location?.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-danvan=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\tevil")]
    public async Task A_return_address_never_leaves_the_site(string next)
    {
        using var http = portal.Client();
        var signIn = await SignInAsync(http, portal.Consolidator, next);
        var location = signIn.Headers.Location?.OriginalString ?? "";
        Assert.StartsWith("/", location);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.DoesNotContain("evil", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_form_without_its_token_is_refused()
    {
        using var http = portal.Client();
        var response = await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = portal.Consolidator }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // No session cookie (the page may set a fresh anti-forgery cookie).
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("danvan-local=", StringComparison.Ordinal) || c.StartsWith("__Host-danvan=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_eleventh_failed_sign_in_in_a_minute_gets_429_even_with_the_right_key()
    {
        using var http = portal.Client();
        // Its own client address, so the other tests' sign-ins are not throttled.
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SignInAsync(http, "dv_wrong" + i, "/")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(http, portal.Consolidator, "/")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_data_pages_are_not_cached()
    {
        using var http = portal.Client(portal.Agency);
        var response = await http.GetAsync("/don-vi");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_from_its_length_before_the_body_is_read()
    {
        using var http = portal.Client(portal.Agency);
        var content = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Quarter.ToString()), "period" },
            { new ByteArrayContent(new byte[400_000]), "file", "big.xlsx" },
        };
        var response = await http.PostAsync("/gui-bao-cao", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_and_a_failure_are_Vietnamese_pages_without_a_stack_trace()
    {
        using var http = portal.Client(portal.Consolidator);
        var missing = await http.GetAsync("/so-noi-vu/don-vi/2026-Q4/99999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var body = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Không tìm thấy", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    /// <summary>Gets the form (its anti-forgery cookie and token), then posts it; <paramref name="postHeaders"/> go with the post only.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string key, string next, params (string Name, string Value)[] postHeaders)
    {
        var page = await http.GetStringAsync("/dang-nhap");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dang-nhap")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__dv"] = Token(page),
                ["key"] = key,
                ["tiep"] = next,
            }),
        };
        foreach (var (name, value) in postHeaders)
        {
            request.Headers.Add(name, value);
        }
        return await http.SendAsync(request);
    }

    private static string Token(string html) => WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__dv\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
