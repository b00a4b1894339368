using System.Net;
using System.Text.RegularExpressions;
using DanVan.Functions.Portal;

namespace DanVan.Functions.Tests.Portal;

/// <summary>
/// Each HTTP function, invoked in process with a real HttpContext against Azurite, answers what `danvan serve` answers
/// for the same request: status, page (anti-forgery tokens aside), content type, redirect, security headers and cookies.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PortalParityTests(PortalParityFixture portal) : IClassFixture<PortalParityFixture>
{
    private static readonly string Quarter = PortalParityFixture.Quarter.ToString();

    [Fact]
    public async Task Home_anonymous()
    {
        var (self, function) = await BothAsync<PublicFunctions>((f, r) => f.Home(r), HttpMethod.Get, "/");
        Assert.Equal(200, self.Status);
        AssertSame(self, function);
    }

    [Fact]
    public async Task Health()
    {
        var (self, function) = await BothAsync<PublicFunctions>((f, r) => f.Health(r), HttpMethod.Get, "/healthz");
        Assert.Equal("ok", self.Text);
        AssertSame(self, function);
    }

    [Fact]
    public async Task Sign_in_form()
    {
        var (self, function) = await BothAsync<PublicFunctions>((f, r) => f.SignInForm(r), HttpMethod.Get, "/dang-nhap?tiep=%2Fky%2F" + Quarter);
        Assert.Equal(200, self.Status);
        Assert.Contains("__dv", self.Text, StringComparison.Ordinal);
        AssertSame(self, function);
    }

    [Fact]
    public async Task A_stylesheet()
    {
        var (self, function) = await BothAsync<PublicFunctions>((f, r) => f.Asset(r), HttpMethod.Get, "/static/site.css");
        Assert.Equal(200, self.Status);
        AssertSame(self, function);
    }

    /// <summary>
    /// A path no portal route knows, carried to the pipeline by a function: the portal's own 404 page. (In Azure the
    /// Functions host answers such a path itself, as no function's route matches it.)
    /// </summary>
    [Fact]
    public async Task Unknown_path_gets_the_404_page()
    {
        var (self, function) = await BothAsync<PublicFunctions>((f, r) => f.Home(r), HttpMethod.Get, "/khong-co-trang-nay");
        Assert.Equal(404, self.Status);
        Assert.Contains("text/html", self.Header("Content-Type"), StringComparison.Ordinal);
        AssertSame(self, function);
    }

    [Fact]
    public async Task Signed_in_agency_sees_its_home_is_refused_the_consolidator_page_and_downloads_its_template()
    {
        var self = await SignInAsync(signInForm: p => portal.SelfHostAsync(HttpMethod.Get, p), post: (p, c, f) => portal.SelfHostAsync(HttpMethod.Post, p, c, f), portal.Agency);
        var function = await SignInAsync(
            signInForm: p => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignInForm(r), HttpMethod.Get, p),
            post: (p, c, f) => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignIn(r), HttpMethod.Post, p, c, f),
            portal.Agency);
        Assert.Equal(302, self.Answer.Status);
        Assert.Equal("/don-vi", self.Answer.Header("Location"));
        Assert.Contains("danvan-local", self.Answer.CookieNames);
        AssertSame(self.Answer, function.Answer);

        // Each side with its own session cookie.
        await SameAsync<AgencyFunctions>((f, r) => f.Home(r), "/don-vi", self.Cookie, function.Cookie, 200);
        await SameAsync<ConsolidatorFunctions>((f, r) => f.Home(r), "/so-noi-vu", self.Cookie, function.Cookie, 403);
        var template = await SameAsync<AgencyFunctions>((f, r) => f.Template(r), "/bieu-mau/" + Quarter, self.Cookie, function.Cookie, 200);
        Assert.Equal(DanVan.Web.Handlers.AgencyHandlers.Xlsx, template.Header("Content-Type"));

        // One key ring for both hosts: the session the function started is the self-host's session too, and back.
        Assert.Equal(200, (await portal.SelfHostAsync(HttpMethod.Get, "/don-vi", function.Cookie)).Status);
        Assert.Equal(200, (await portal.FunctionAsync<AgencyFunctions>((f, r) => f.Home(r), HttpMethod.Get, "/don-vi", self.Cookie)).Status);
    }

    [Fact]
    public async Task Consolidator_pages_and_a_quarter_that_does_not_exist()
    {
        var self = await SignInAsync(p => portal.SelfHostAsync(HttpMethod.Get, p), (p, c, f) => portal.SelfHostAsync(HttpMethod.Post, p, c, f), portal.Consolidator);
        var function = await SignInAsync(
            p => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignInForm(r), HttpMethod.Get, p),
            (p, c, f) => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignIn(r), HttpMethod.Post, p, c, f),
            portal.Consolidator);
        AssertSame(self.Answer, function.Answer);

        await SameAsync<ConsolidatorFunctions>((f, r) => f.Keys(r), "/so-noi-vu/ma-truy-cap", self.Cookie, function.Cookie, 200);
        await SameAsync<ReaderFunctions>((f, r) => f.Dashboard(r), "/ky/" + Quarter, self.Cookie, function.Cookie, 200);
        await SameAsync<ReaderFunctions>((f, r) => f.StatusJson(r), "/api/ky/" + Quarter, self.Cookie, function.Cookie, 200);
        await SameAsync<ReaderFunctions>((f, r) => f.Dashboard(r), "/ky/2026-Q9", self.Cookie, function.Cookie, 404);
        await SameAsync<AgencyFunctions>((f, r) => f.Home(r), "/don-vi", self.Cookie, function.Cookie, 403);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_alike()
    {
        var self = await SignInAsync(p => portal.SelfHostAsync(HttpMethod.Get, p), (p, c, f) => portal.SelfHostAsync(HttpMethod.Post, p, c, f), "khong-phai-ma");
        var function = await SignInAsync(
            p => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignInForm(r), HttpMethod.Get, p),
            (p, c, f) => portal.FunctionAsync<PublicFunctions>((x, r) => x.SignIn(r), HttpMethod.Post, p, c, f),
            "khong-phai-ma");
        Assert.Equal(403, self.Answer.Status);
        AssertSame(self.Answer, function.Answer);
    }

    /// <summary>
    /// In Azure the Functions host forwards to the worker over loopback with its own Host and scheme and the public ones
    /// in X-Forwarded-*: the worker believes them from loopback, so the session cookie is the Secure __Host- one.
    /// </summary>
    [Fact]
    public async Task Behind_the_Functions_host_the_session_cookie_is_Host_prefixed_and_Secure()
    {
        var forwarded = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-Host"] = "danvan.example.net" };
        var form = await portal.FunctionAsync<PublicFunctions>((x, r) => x.SignInForm(r), HttpMethod.Get, "/dang-nhap", headers: forwarded);
        var answer = await portal.FunctionAsync<PublicFunctions>((x, r) => x.SignIn(r), HttpMethod.Post, "/dang-nhap", form.CookieHeader(),
            new Dictionary<string, string> { ["__dv"] = Token(form.Text), ["key"] = portal.Agency, ["tiep"] = "/" }, forwarded);

        Assert.Equal(302, answer.Status);
        var cookie = (answer.Header("Set-Cookie") ?? "").Split('\n').Single(c => c.StartsWith("__Host-danvan=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("danvan-local=", answer.Header("Set-Cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_agency_page_redirects_to_sign_in()
    {
        var (self, function) = await BothAsync<AgencyFunctions>((f, r) => f.Home(r), HttpMethod.Get, "/don-vi");
        Assert.Equal(302, self.Status);
        AssertSame(self, function);
    }

    private async Task<(Answer Self, Answer Function)> BothAsync<T>(Func<T, Microsoft.AspNetCore.Http.HttpRequest, Microsoft.AspNetCore.Http.IResult> function, HttpMethod method, string path, string? selfCookie = null, string? functionCookie = null) =>
        (await portal.SelfHostAsync(method, path, selfCookie), await portal.FunctionAsync(function, method, path, functionCookie));

    private async Task<Answer> SameAsync<T>(Func<T, Microsoft.AspNetCore.Http.HttpRequest, Microsoft.AspNetCore.Http.IResult> function, string path, string selfCookie, string functionCookie, int status)
    {
        var (self, fn) = await BothAsync(function, HttpMethod.Get, path, selfCookie, functionCookie);
        Assert.Equal(status, self.Status);
        AssertSame(self, fn);
        return self;
    }

    private static async Task<(Answer Answer, string Cookie)> SignInAsync(
        Func<string, Task<Answer>> signInForm, Func<string, string, IReadOnlyDictionary<string, string>, Task<Answer>> post, string key)
    {
        var form = await signInForm("/dang-nhap");
        var cookie = form.CookieHeader();
        var answer = await post("/dang-nhap", cookie, new Dictionary<string, string> { ["__dv"] = Token(form.Text), ["key"] = key, ["tiep"] = "/" });
        return (answer, answer.CookieHeader(cookie));
    }

    private static void AssertSame(Answer self, Answer function)
    {
        Assert.Equal(self.Status, function.Status);
        foreach (var header in new[] { "Content-Type", "Location", "Content-Security-Policy", "Cache-Control", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Disposition" })
        {
            Assert.True(self.Header(header) == function.Header(header), $"{header}: self-host '{self.Header(header)}', function '{function.Header(header)}'");
        }
        Assert.Equal(self.CookieNames, function.CookieNames);
        if (self.Header("Content-Type")?.StartsWith("text/", StringComparison.Ordinal) == true || self.Header("Content-Type")?.Contains("json", StringComparison.Ordinal) == true)
        {
            Assert.Equal(Normalize(self.Text), Normalize(function.Text));
        }
        else if (self.Header("Content-Type") == DanVan.Web.Handlers.AgencyHandlers.Xlsx)
        {
            // A workbook: the same parts with the same bytes, but for what the package library writes afresh each time
            // (zip entry times, core.xml's created/modified times, the package relationships' random ids).
            var (a, b) = (Parts(self.Body), Parts(function.Body));
            Assert.Equal(a.Keys, b.Keys);
            foreach (var volatilePart in new[] { "docProps/core.xml", "_rels/.rels" })
            {
                a.Remove(volatilePart);
                b.Remove(volatilePart);
            }
            Assert.Equal(a, b);
        }
        else
        {
            Assert.Equal(self.Body, function.Body);
        }
    }

    private static SortedDictionary<string, string> Parts(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            parts[entry.FullName] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(copy.ToArray()));
        }
        return parts;
    }

    /// <summary>Anti-forgery tokens differ on every page; nothing else may.</summary>
    private static string Normalize(string html) => TokenPattern().Replace(html, "name=\"__dv\" value=\"TOKEN\"");

    private static string Token(string html) => WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__dv\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
