using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.Identity.Data;

namespace Platform.Identity.Machines;

/// <summary>An OpenIddict application an organization registered (a machine client or a third-party app), with its properties.</summary>
public sealed record OrganizationApplication(object Application, ImmutableDictionary<string, JsonElement> Properties);

public static class OrganizationApplications
{
    /// <summary>The applications registered by the organization, machine clients and third-party apps alike.</summary>
    public static async Task<List<OrganizationApplication>> ListAsync(
        Guid organizationId, IdentityDataContext database, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var organization = organizationId.ToString();
        var found = new List<OrganizationApplication>();
        // OpenIddict keeps an application's properties as JSON text: the database narrows to those naming the organization.
        var candidates = database.Set<OpenIddictEntityFrameworkCoreApplication<Guid>>().AsNoTracking()
            .Where(application => application.Properties != null && application.Properties.Contains(organization));
        await foreach (var application in candidates.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            if (properties.TryGetValue(MachineClients.OrganizationProperty, out var owner) && owner.GetString() == organization)
            {
                found.Add(new OrganizationApplication(application, properties));
            }
        }
        return found;
    }

    /// <summary>The application with this client id when <paramref name="organizationId"/> registered it; null for any other (or none).</summary>
    public static async Task<OrganizationApplication?> FindAsync(
        string clientId, Guid organizationId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return null;
        }
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(MachineClients.OrganizationProperty, out var owner) && owner.GetString() == organizationId.ToString()
            ? new OrganizationApplication(application, properties)
            : null;
    }

    /// <summary>Machine clients have a role of their own; third-party apps act with the role of the person signed in through them.</summary>
    public static bool IsMachineClient(this OrganizationApplication application) =>
        application.Properties.ContainsKey(MachineClients.RoleProperty);
}
