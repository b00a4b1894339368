using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace DanVan.Functions.Portal;

/// <summary>The readers' routes (Web/Handlers/ReaderHandlers: consolidator or leader) as HTTP functions; policies are the portal's.</summary>
public sealed class ReaderFunctions(PortalPipeline portal)
{
    [Function("PortalDashboard")]
    public IResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ky/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalStatusJson")]
    public IResult StatusJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/ky/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalDownloadLatest")]
    public IResult Latest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tai-ve/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalDownloadVersion")]
    public IResult Version([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tai-ve/{period}/{version:int}")] HttpRequest request) => portal.Result;

    [Function("PortalLeader")]
    public IResult Leader([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "lanh-dao")] HttpRequest request) => portal.Result;
}
