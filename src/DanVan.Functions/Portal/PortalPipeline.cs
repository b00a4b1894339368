using DanVan.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace DanVan.Functions.Portal;

/// <summary>
/// The self-host's portal (middleware and endpoints, <see cref="PortalEndpoints.BuildPortalPipeline"/>) built once over
/// the worker's services. Every HTTP function answers with <see cref="Result"/>: the Functions ASP.NET Core integration
/// executes that <see cref="IResult"/> on the request's real <see cref="HttpContext"/>, which then goes through the same
/// forwarded headers, security headers, error pages, routing, sign-in, policies, rate limits, upload limits and
/// anti-forgery as in `danvan serve`. The function's route only decides that the request reaches the worker.
/// </summary>
public sealed class PortalPipeline(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => PortalEndpoints.BuildPortalPipeline(services));

    public IResult Result => new PortalResult(_pipeline.Value);

    private sealed class PortalResult(RequestDelegate pipeline) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            // The portal's routing picks its own endpoint; whatever the worker matched must not short-circuit it.
            httpContext.SetEndpoint(null);
            httpContext.Features.Get<IRouteValuesFeature>()?.RouteValues.Clear();
            return pipeline(httpContext);
        }
    }
}
