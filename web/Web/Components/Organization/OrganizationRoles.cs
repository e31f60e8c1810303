namespace Platform.Web.Components.Organization;

/// <summary>The roles of an organization, most powerful first, as the identity service names them.</summary>
public static class OrganizationRoles
{
    public static readonly string[] All = ["owner", "admin", "member", "viewer"];
}
