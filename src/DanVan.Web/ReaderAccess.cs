using DanVan.Pipeline.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Web;

/// <summary>
/// Reading the consolidated data — period status and consolidated workbooks — is for the consolidator and leaders
/// (docs/system-contract.md §3). A browser signs in once with its key (kept in an HttpOnly, SameSite=Strict cookie);
/// a script sends the key in the X-DanVan-Key header.
/// </summary>
public static class ReaderAccess
{
    public const string Cookie = "dv_key";
    public const string Header = "X-DanVan-Key";

    public static async Task<AccessKey?> ReaderAsync(HttpContext context, AccessKeyStore keys)
    {
        var secret = context.Request.Headers[Header].FirstOrDefault() ?? context.Request.Cookies[Cookie];
        var key = await keys.ResolveAsync(secret, context.RequestAborted);
        return key is { Role: AccessRole.Consolidator or AccessRole.Leader } ? key : null;
    }

    /// <summary>Where an anonymous reader is sent: the sign-in page, then back.</summary>
    public static IResult SignInFirst(HttpContext context) =>
        Results.Redirect("/dang-nhap?tiep=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

    public static IEndpointRouteBuilder MapDanVanSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dang-nhap", (string? tiep) => Layout.Html(SignInPage(tiep, null)));
        app.MapPost("/dang-nhap", async (HttpContext context, AccessKeyStore keys) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var next = LocalPath(form["tiep"]);
            var key = await keys.ResolveAsync(form["key"], context.RequestAborted);
            if (key is null)
            {
                return Layout.Html(SignInPage(next, "Mã truy cập không đúng hoặc đã bị thu hồi."), StatusCodes.Status403Forbidden);
            }
            if (key.Role == AccessRole.Agency)
            {
                return Layout.Html(SignInPage(next, "Mã truy cập của đơn vị báo cáo dùng để gửi báo cáo (mục “Gửi báo cáo”), không dùng để xem số liệu tổng hợp."), StatusCodes.Status403Forbidden);
            }
            context.Response.Cookies.Append(Cookie, form["key"].ToString().Trim(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromHours(12),
            });
            return Results.Redirect(next);
        }).DisableAntiforgery();
        app.MapGet("/dang-xuat", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(Cookie);
            return Results.Redirect("/");
        });
        return app;
    }

    // Only paths of this site: never redirect a signed-in user elsewhere.
    private static string LocalPath(string? next) =>
        next is { Length: > 0 } && next.StartsWith('/') && !next.StartsWith("//", StringComparison.Ordinal) && !next.Contains('\\') ? next : "/";

    private static string SignInPage(string? next, string? error) => Layout.Page("Đăng nhập", $"""
        {(error is null ? "" : $"<p class=\"bad\" role=\"alert\"><strong>{Layout.E(error)}</strong></p>")}
        <p>Tình hình gửi báo cáo và báo cáo tổng hợp dành cho Sở Nội vụ và lãnh đạo. Nhập mã truy cập được cấp.</p>
        <form method="post" action="/dang-nhap">
          <input type="hidden" name="tiep" value="{Layout.E(LocalPath(next))}">
          <p><label>Mã truy cập<br><input type="password" name="key" required size="50" autocomplete="off"></label></p>
          <p><button class="button" type="submit">Đăng nhập</button></p>
        </form>
        """);
}
