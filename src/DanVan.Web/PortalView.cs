using System.Globalization;
using DanVan.Pipeline;
using DanVan.Web.Components;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Web;

/// <summary>What every page needs besides its own data: who is signed in, the form token, the reference data, now.</summary>
public sealed record PortalView(PortalUser? User, string TokenField, string Token, ReferenceData Reference, DateTimeOffset NowUtc)
{
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public string VnTime(DateTimeOffset utc, string format = "HH:mm dd/MM/yyyy") =>
        Reference.Calendar.ToVietnamTime(utc).ToString(format, CultureInfo.InvariantCulture);

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.##", Vi) : "—";
}

/// <summary>Renders a page component with its <see cref="PortalView"/>; the framework encodes every value.</summary>
public static class Pages
{
    public static PortalView View(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new PortalView(
            PortalUser.From(context.User),
            tokens.FormFieldName,
            tokens.RequestToken ?? "",
            context.RequestServices.GetRequiredService<ReferenceData>(),
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    public static RazorComponentResult Render<TComponent>(HttpContext context, object? parameters = null, int status = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var values = new Dictionary<string, object?> { ["View"] = View(context) };
        if (parameters is not null)
        {
            foreach (var p in parameters.GetType().GetProperties())
            {
                values[p.Name] = p.GetValue(parameters);
            }
        }
        return new RazorComponentResult<TComponent>(values) { StatusCode = status };
    }

    /// <summary>A Vietnamese page for a refusal or a failure; the status code says the same to a script.</summary>
    public static RazorComponentResult Message(HttpContext context, int status, string title, string text) =>
        Render<MessagePage>(context, new { Title = title, Text = text }, status);
}
