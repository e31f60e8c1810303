using OpenIddict.Abstractions;

namespace Platform.Identity.Machines;

/// <summary>
/// A machine client is an OpenIddict application of one organization, acting in it with a role; both are kept as the
/// application's properties.
/// </summary>
public static class MachineClients
{
    public const string OrganizationProperty = "organization_id";
    public const string RoleProperty = "role";
    public const string CreatedByProperty = "created_by";
    public const string CreatedAtProperty = "created_at";

    public static async Task<string?> OrganizationOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        (await applications.GetPropertiesAsync(application, cancellationToken)).TryGetValue(OrganizationProperty, out var value) ? value.GetString() : null;

    public static async Task<string?> RoleOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        (await applications.GetPropertiesAsync(application, cancellationToken)).TryGetValue(RoleProperty, out var value) ? value.GetString() : null;
}
