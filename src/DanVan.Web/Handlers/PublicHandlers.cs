using DanVan.Pipeline.Access;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DanVan.Web.Handlers;

/// <summary>The calendar, sign-in and sign-out, status pages and the stylesheet and script: open to everyone.</summary>
public static class PublicHandlers
{
    public static IResult Home(HttpContext context) => Pages.Render<HomePage>(context);

    public static IResult SignInForm(HttpContext context, string? tiep) =>
        Pages.Render<SignInPage>(context, new { Next = PortalGuards.LocalPath(tiep) });

    public static async Task<IResult> SignIn(HttpContext context, AccessKeyStore keys, SessionStore sessions, SignInThrottle throttle)
    {
        if (throttle.IsBlocked(context))
        {
            return Pages.Message(context, StatusCodes.Status429TooManyRequests, "Tạm khóa đăng nhập",
                "Đã nhập sai mã truy cập quá nhiều lần. Vui lòng thử lại sau một phút.");
        }
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return FormExpired(context);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var next = PortalGuards.LocalPath(form["tiep"]);
        var secret = form["key"].ToString();
        var key = await keys.ResolveAsync(secret, context.RequestAborted);
        if (key is null)
        {
            throttle.RecordFailure(context);
            return Pages.Render<SignInPage>(context, new { Next = next, Error = "Mã truy cập không đúng hoặc đã bị thu hồi." }, StatusCodes.Status403Forbidden);
        }
        var session = await sessions.StartAsync(secret, PortalAuth.SessionLifetime, context.RequestAborted);
        var scheme = PortalAuth.CookieSchemeFor(context.Request);
        await context.SignInAsync(scheme, PortalUser.Principal(key, session.Id, scheme),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.ExpiresUtc });
        var user = PortalUser.From(PortalUser.Principal(key, session.Id, scheme))!;
        return TypedLocalRedirect(next == "/" ? user.HomePath : next);
    }

    /// <summary>Ends the session in storage too, so the cookie replayed later is refused.</summary>
    public static async Task<IResult> SignOut(HttpContext context, SessionStore sessions)
    {
        if (!await PortalGuards.FormIsGenuineAsync(context))
        {
            return FormExpired(context);
        }
        await sessions.EndAsync(PortalUser.From(context.User)?.SessionId, context.RequestAborted);
        await context.SignOutAsync(PortalAuth.CookieSchemeFor(context.Request));
        return Results.Redirect("/");
    }

    /// <summary>Status pages (re-executed by the status-code middleware): the code, explained in Vietnamese.</summary>
    public static IResult Status(HttpContext context, int code)
    {
        var (title, text) = code switch
        {
            401 => ("Cần đăng nhập", "Trang này cần mã truy cập. Vui lòng đăng nhập."),
            403 => ("Không có quyền", "Mã truy cập của bạn không được dùng cho trang này."),
            404 => ("Không tìm thấy", "Không có trang hoặc dữ liệu này (hoặc bạn không có quyền xem)."),
            411 or 413 => ("Tệp quá lớn", "Tệp vượt quá dung lượng cho phép của một báo cáo; vui lòng gửi đúng tệp biểu mẫu."),
            429 => ("Quá nhiều yêu cầu", "Đang có quá nhiều yêu cầu từ bạn. Vui lòng đợi một chút rồi thử lại."),
            _ => ("Có lỗi xảy ra", "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, báo cho Sở Nội vụ."),
        };
        return Pages.Message(context, code is >= 400 and < 600 ? code : 500, title, text);
    }

    /// <summary>An unhandled exception: logged in English with its stack, shown as a Vietnamese page without it.</summary>
    public static IResult Error(HttpContext context, ILoggerFactory logs)
    {
        var failure = context.Features.Get<IExceptionHandlerPathFeature>();
        if (failure?.Error is { } ex)
        {
            logs.CreateLogger("DanVan.Web.Portal").LogError(ex, "Unhandled exception on {Path}", failure.Path);
        }
        var text = failure?.Error is DanVan.Pipeline.Ingest.StorageUnavailableException
            ? DanVan.Pipeline.Ingest.StorageUnavailableException.MessageVi
            : "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, báo cho Sở Nội vụ.";
        return Pages.Message(context, StatusCodes.Status500InternalServerError, "Có lỗi xảy ra", text);
    }

    public static IResult Asset(string name)
    {
        var type = name switch
        {
            "site.css" => "text/css; charset=utf-8",
            "portal.js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(PublicHandlers).Assembly.GetManifestResourceStream("DanVan.Web.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    public static IResult FormExpired(HttpContext context) => Pages.Message(context, StatusCodes.Status400BadRequest, "Biểu mẫu đã hết hạn",
        "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.");

    // LocalRedirect throws on a non-local URL; LocalPath has already made it local.
    private static IResult TypedLocalRedirect(string path) => Results.LocalRedirect(PortalGuards.LocalPath(path));
}
