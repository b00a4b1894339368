using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace DanVan.Functions.Portal;

/// <summary>The agency's and uploader's routes (Web/Handlers/AgencyHandlers) as HTTP functions; policies are the portal's.</summary>
public sealed class AgencyFunctions(PortalPipeline portal)
{
    [Function("PortalAgencyHome")]
    public IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "don-vi")] HttpRequest request) => portal.Result;

    [Function("PortalAgencyHistory")]
    public IResult History([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "don-vi/lan-gui")] HttpRequest request) => portal.Result;

    [Function("PortalTemplate")]
    public IResult Template([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bieu-mau/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalUpload")]
    public IResult Upload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gui-bao-cao")] HttpRequest request) => portal.Result;

    [Function("PortalUploadStatus")]
    public IResult UploadStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gui-bao-cao/trang-thai")] HttpRequest request) => portal.Result;

    [Function("PortalFeedback")]
    public IResult Feedback([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ket-qua/{period}/{submission}")] HttpRequest request) => portal.Result;
}
