using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace DanVan.Functions.Portal;

/// <summary>The consolidator's routes (Web/Handlers/ConsolidatorHandlers) as HTTP functions; policies are the portal's.</summary>
public sealed class ConsolidatorFunctions(PortalPipeline portal)
{
    [Function("PortalConsolidatorHome")]
    public IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorUnit")]
    public IResult Unit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu/don-vi/{period}/{unit}")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorReopen")]
    public IResult Reopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "so-noi-vu/don-vi/{period}/{unit}/mo-lai")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorConsolidate")]
    public IResult Consolidate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "so-noi-vu/tong-hop/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorKeys")]
    public IResult Keys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu/ma-truy-cap")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorIssueKey")]
    public IResult IssueKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "so-noi-vu/ma-truy-cap")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorRevokeKey")]
    public IResult RevokeKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "so-noi-vu/ma-truy-cap/{id}/thu-hoi")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorReminders")]
    public IResult Reminders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu/don-doc/{period}")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorReminderLetter")]
    public IResult ReminderLetter([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu/don-doc/{period}/cong-van")] HttpRequest request) => portal.Result;

    [Function("PortalConsolidatorMissingUnits")]
    public IResult MissingUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "so-noi-vu/don-doc/{period}/danh-sach")] HttpRequest request) => portal.Result;
}
