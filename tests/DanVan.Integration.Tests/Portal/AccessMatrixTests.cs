using System.Net;
using DanVan.Integration.Tests.Infrastructure;

namespace DanVan.Integration.Tests.Portal;

/// <summary>
/// Every endpoint × every kind of caller (docs/system-contract.md §3): the status code, and for an agency asking for
/// another unit, that nothing of that unit is in the answer. Callers use the key header; sessions are tested apart.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class AccessMatrixTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public enum Who { Anonymous, UnknownKey, RevokedKey, AgencyU, AgencyUForV, Leader, Consolidator }

    private const int Redirect = 302;
    private const int SeeOther = 303;

    /// <summary>method, path (U, V, Q, VSUB, UBLOB, VBLOB are replaced), then the status for each caller in <see cref="Who"/> order.</summary>
    public static TheoryData<string, string, Who, int> Matrix()
    {
        var rows = new (string Method, string Path, int Anon, int Unknown, int Revoked, int Agency, int AgencyForV, int Leader, int Consolidator)[]
        {
            ("GET", "/", 200, 200, 200, 200, 200, 200, 200),
            ("GET", "/dang-nhap", 200, 200, 200, 200, 200, 200, 200),
            ("GET", "/don-vi", Redirect, 401, 401, 200, 200, 403, 403),
            ("GET", "/don-vi/lan-gui", Redirect, 401, 401, 200, 200, 403, 403),
            ("GET", "/bieu-mau/Q?don-vi={unit}", Redirect, 401, 401, 200, 403, 403, 200),
            ("POST", "/gui-bao-cao|{unit}", Redirect, 401, 401, SeeOther, 403, 403, SeeOther),
            ("GET", "/gui-bao-cao/trang-thai?ky=Q&tep={blob}", Redirect, 401, 401, 200, 404, 403, 200),
            ("GET", "/ket-qua/Q/{sub}", Redirect, 401, 401, 404, 404, 403, 404),
            ("GET", "/ket-qua/Q/VSUB", Redirect, 401, 401, 404, 404, 403, 200),
            ("GET", "/ky/Q", Redirect, 401, 401, 403, 403, 200, 200),
            ("GET", "/api/ky/Q", 401, 401, 401, 403, 403, 200, 200),
            ("GET", "/tai-ve/Q", Redirect, 401, 401, 403, 403, 200, 200),
            ("GET", "/tai-ve/Q/1", Redirect, 401, 401, 403, 403, 200, 200),
            ("GET", "/lanh-dao", Redirect, 401, 401, 403, 403, 200, 200),
            ("GET", "/so-noi-vu", Redirect, 401, 401, 403, 403, 403, 200),
            ("GET", "/so-noi-vu/don-vi/Q/{unit}", Redirect, 401, 401, 403, 403, 403, 200),
            ("POST", "/so-noi-vu/don-vi/Q/{unit}/mo-lai", Redirect, 401, 401, 403, 403, 403, Redirect),
            ("POST", "/so-noi-vu/tong-hop/Q", Redirect, 401, 401, 403, 403, 403, 200),
            ("GET", "/so-noi-vu/ma-truy-cap", Redirect, 401, 401, 403, 403, 403, 200),
            ("POST", "/so-noi-vu/ma-truy-cap", Redirect, 401, 401, 403, 403, 403, 200),
            ("POST", "/so-noi-vu/ma-truy-cap/nokey/thu-hoi", Redirect, 401, 401, 403, 403, 403, 404),
            ("GET", "/so-noi-vu/don-doc/Q", Redirect, 401, 401, 403, 403, 403, 200),
            ("GET", "/so-noi-vu/don-doc/Q/cong-van", Redirect, 401, 401, 403, 403, 403, 200),
            ("GET", "/so-noi-vu/don-doc/Q/danh-sach", Redirect, 401, 401, 403, 403, 403, 200),
        };
        var data = new TheoryData<string, string, Who, int>();
        foreach (var r in rows)
        {
            data.Add(r.Method, r.Path, Who.Anonymous, r.Anon);
            data.Add(r.Method, r.Path, Who.UnknownKey, r.Unknown);
            data.Add(r.Method, r.Path, Who.RevokedKey, r.Revoked);
            data.Add(r.Method, r.Path, Who.AgencyU, r.Agency);
            data.Add(r.Method, r.Path, Who.AgencyUForV, r.AgencyForV);
            data.Add(r.Method, r.Path, Who.Leader, r.Leader);
            data.Add(r.Method, r.Path, Who.Consolidator, r.Consolidator);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_what_its_role_allows_and_nothing_of_another_unit(string method, string path, Who who, int expected)
    {
        // "For V": the agency of U names unit V (its upload, its blob, its submission); everyone else names U.
        var unit = who == Who.AgencyUForV ? PortalFixture.V : PortalFixture.U;
        var blob = who == Who.AgencyUForV ? portal.VBlob : portal.UBlob;
        var sub = who == Who.AgencyUForV ? portal.VSubmission : "21211_000000000000000000000000";
        var parts = path.Split('|');
        var url = parts[0].Replace("{unit}", unit).Replace("{blob}", Uri.EscapeDataString(blob)).Replace("{sub}", sub)
            .Replace("VSUB", portal.VSubmission).Replace("/Q", "/" + PortalFixture.Quarter).Replace("ky=Q", "ky=" + PortalFixture.Quarter);
        var key = who switch
        {
            Who.UnknownKey => "dv_0000000000000000000000000000000000000000",
            Who.RevokedKey => portal.Revoked,
            Who.AgencyU or Who.AgencyUForV => portal.Agency,
            Who.Leader => portal.Leader,
            Who.Consolidator => portal.Consolidator,
            _ => null,
        };
        using var http = portal.Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = parts.Length > 1 ? Upload(parts[1].Replace("{unit}", unit)) : Form(url);
        }
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{method} {url} as {who}: {(int)response.StatusCode}, expected {expected}. {Shorten(body)}");
        if (who is Who.AgencyU or Who.AgencyUForV)
        {
            Assert.DoesNotContain(PortalFixture.VName, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
            Assert.DoesNotContain(portal.VSubmission, body, StringComparison.Ordinal);
        }
        if (expected == Redirect && who == Who.Anonymous)
        {
            Assert.StartsWith("/dang-nhap?tiep=", response.Headers.Location?.OriginalString);
        }
    }

    private static MultipartFormDataContent Upload(string unit)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Quarter.ToString()), "period" },
            { new StringContent(unit), "unit" },
            { new ByteArrayContent(Reports.Filled(unit, PortalFixture.Quarter, Reports.AllNumbers(4))), "file", "bao-cao.xlsx" },
        };
        return content;
    }

    private static FormUrlEncodedContent Form(string url) => new(url.Contains("ma-truy-cap")
        ? new Dictionary<string, string> { ["role"] = "leader", ["label"] = "Kiểm thử" }
        : new Dictionary<string, string> { ["reason"] = "Kiểm thử quyền" });

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;
}
