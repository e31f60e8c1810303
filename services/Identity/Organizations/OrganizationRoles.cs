namespace Platform.Identity.Organizations;

/// <summary>The roles a member of an organization holds, how they are written, and who may grant which.</summary>
public static class OrganizationRoles
{
    /// <summary>Owners grant any role; admins grant up to admin; members and viewers grant nothing.</summary>
    public static bool MayGrant(OrganizationRole? granter, OrganizationRole role) => granter switch
    {
        OrganizationRole.Owner => true,
        OrganizationRole.Admin => role != OrganizationRole.Owner,
        _ => false,
    };

    public const string RoleRequirement = "One of owner, admin, member, viewer.";

    public static OrganizationRole? ParseRole(string? role) =>
        Enum.TryParse<OrganizationRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _) ? parsed : null;
}
