using System.Security.Claims;
using Platform.Identity.Organizations;

namespace Platform.Identity.Tokens;

/// <summary>
/// What an endpoint reads from the caller's token. The authorization policies have already checked
/// the claims exist (and, for person-only endpoints, that the subject is a user id).
/// </summary>
public static class Caller
{
    public static Guid UserId(this ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(PlatformClaimTypes.Subject)!);

    public static Guid OrganizationId(this ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(PlatformClaimTypes.Organization)!);

    public static OrganizationRole? Role(this ClaimsPrincipal caller) => OrganizationRoles.ParseRole(caller.FindFirstValue(PlatformClaimTypes.Role));

    /// <summary>Owners grant any role, admins up to admin (<see cref="OrganizationRoles.MayGrant"/>).</summary>
    public static bool MayGrant(this ClaimsPrincipal caller, OrganizationRole role) => OrganizationRoles.MayGrant(caller.Role(), role);
}
