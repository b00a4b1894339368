using System.Security.Claims;
using DanVan.Pipeline.Access;

namespace DanVan.Web.Security;

/// <summary>Who is asking, as the authentication handlers established it: role, unit (agencies), key id, label.</summary>
public sealed record PortalUser(AccessRole Role, string? UnitCode, string KeyId, string Label, string? SessionId)
{
    public const string UnitClaim = "danvan:unit";
    public const string KeyClaim = "danvan:key";
    public const string SessionClaim = "danvan:session";

    public static ClaimsPrincipal Principal(AccessKey key, string? sessionId, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Label),
            new(ClaimTypes.Role, RoleName(key.Role)),
            new(KeyClaim, key.Id),
        };
        if (key.UnitCode is not null)
        {
            claims.Add(new Claim(UnitClaim, key.UnitCode));
        }
        if (sessionId is not null)
        {
            claims.Add(new Claim(SessionClaim, sessionId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static PortalUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(KeyClaim) is not { } keyId)
        {
            return null;
        }
        var role = principal.FindFirstValue(ClaimTypes.Role) switch
        {
            "agency" => AccessRole.Agency,
            "consolidator" => AccessRole.Consolidator,
            _ => AccessRole.Leader,
        };
        return new PortalUser(role, principal.FindFirstValue(UnitClaim), keyId, principal.FindFirstValue(ClaimTypes.Name) ?? "", principal.FindFirstValue(SessionClaim));
    }

    public static string RoleName(AccessRole role) => role switch
    {
        AccessRole.Agency => "agency",
        AccessRole.Consolidator => "consolidator",
        _ => "leader",
    };

    /// <summary>
    /// "Own unit only", the one place it is decided: an agency acts for its own unit, the consolidator for any,
    /// a leader for none (leaders read consolidated figures, not a unit's uploads).
    /// </summary>
    public bool MayActFor(string? unitCode) =>
        unitCode is { Length: > 0 } && (Role == AccessRole.Consolidator || (Role == AccessRole.Agency && string.Equals(UnitCode, unitCode, StringComparison.Ordinal)));

    public string RoleVi => Role switch
    {
        AccessRole.Agency => "Đơn vị báo cáo",
        AccessRole.Consolidator => "Sở Nội vụ",
        _ => "Lãnh đạo",
    };

    /// <summary>Where this role lands after signing in.</summary>
    public string HomePath => Role switch
    {
        AccessRole.Agency => "/don-vi",
        AccessRole.Consolidator => "/so-noi-vu",
        _ => "/lanh-dao",
    };
}
