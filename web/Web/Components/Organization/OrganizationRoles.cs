namespace Platform.Web.Components.Organization;

/// <summary>The roles of an organization, most powerful first, as the identity service names them.</summary>
public static class OrganizationRoles
{
    public static readonly string[] All = ["owner", "admin", "member", "viewer"];

    /// <summary>Owners and admins administer the organization (their sign-in carries org:admin).</summary>
    public static bool Administers(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(PlatformClaimTypes.Role)?.Value is "owner" or "admin";
}
