using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace DanVan.Functions.Portal;

/// <summary>
/// The portal's public routes (Web/Handlers/PublicHandlers and Web/PortalEndpoints) as HTTP functions: same method and
/// route as the self-host maps; anonymous at the Functions level because the portal signs users in itself.
/// </summary>
public sealed class PublicFunctions(PortalPipeline portal)
{
    /// <summary>
    /// The site's root. The Functions host gives an empty route the function's name, so the root is an optional
    /// parameter that only the empty path satisfies (a catch-all would also take every other unmatched path).
    /// </summary>
    public const string RootRoute = "{root:maxlength(0)?}";

    [Function("PortalHome")]
    public IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request) => portal.Result;

    [Function("PortalHealth")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) => portal.Result;

    [Function("PortalAsset")]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "static/{name}")] HttpRequest request) => portal.Result;

    [Function("PortalError")]
    public IResult Error([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "head", Route = "loi")] HttpRequest request) => portal.Result;

    [Function("PortalStatusPage")]
    public IResult StatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "head", Route = "loi/{code:int}")] HttpRequest request) => portal.Result;

    [Function("PortalSignInForm")]
    public IResult SignInForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dang-nhap")] HttpRequest request) => portal.Result;

    [Function("PortalSignIn")]
    public IResult SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dang-nhap")] HttpRequest request) => portal.Result;

    [Function("PortalSignOut")]
    public IResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dang-xuat")] HttpRequest request) => portal.Result;
}
