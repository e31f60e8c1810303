using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Machines;

public sealed record CreateMachineClientRequest(string? Name, string[]? Scopes, string? Role);

public sealed record CreatedMachineClient(string ClientId, string ClientSecret, string Name, string[] Scopes, string Role);

public sealed record MachineClientView(string ClientId, string Name, string[] Scopes, string Role, Guid? CreatedBy, DateTimeOffset? CreatedAt);

/// <summary>
/// Machines (CI, integrations) of an organization sign in with the client credentials grant. An owner or
/// admin registers one, with at most the scopes and the role their own token holds; its secret is shown once and
/// kept only as OpenIddict's hash. A client belongs to the organization, not to its maker: it keeps working when the
/// token that made it is revoked or its maker leaves, until an owner or admin deletes it (the list says who made it).
/// </summary>
public static class MachineClientEndpoints
{
    public static async Task<Results<Created<CreatedMachineClient>, ValidationProblem, ForbidHttpResult>> Create(
        CreateMachineClientRequest request, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, TimeProvider clock, CancellationToken cancellationToken)
    {
        var role = OrganizationRoles.ParseRole(request.Role ?? "member");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of at most 100 characters is required."];
        }

        if (ScopeGrants.RefuseGrant(request.Scopes, PlatformScopes.Api, caller) is { } refusal)
        {
            errors["scopes"] = [refusal];
        }

        if (role is null or OrganizationRole.Owner)
        {
            errors["role"] = ["One of admin, member, viewer."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!caller.MayGrant(role!.Value))
        {
            return TypedResults.Forbid();
        }

        var clientId = $"machine-{Guid.NewGuid():N}";
        var secret = RandomSecret.Create();
        var scopes = TokenPrincipal.GrantedScopes(request.Scopes!, role.Value).ToArray();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.Name!.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[MachineClients.OrganizationProperty] = JsonSerializer.SerializeToElement(caller.OrganizationId().ToString());
        descriptor.Properties[MachineClients.RoleProperty] = JsonSerializer.SerializeToElement(TokenPrincipal.RoleName(role.Value));
        descriptor.Properties[MachineClients.CreatedByProperty] = JsonSerializer.SerializeToElement(caller.UserId());
        descriptor.Properties[MachineClients.CreatedAtProperty] = JsonSerializer.SerializeToElement(clock.GetUtcNow());
        await applications.CreateAsync(descriptor, cancellationToken);

        return TypedResults.Created($"/organization/clients/{clientId}",
            new CreatedMachineClient(clientId, secret, descriptor.DisplayName, scopes, TokenPrincipal.RoleName(role.Value)));
    }

    /// <summary>The organization's machine clients, oldest first (without secrets, which are never kept).</summary>
    public static async Task<Ok<MachineClientView[]>> List(
        ClaimsPrincipal caller, IdentityDataContext database, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var clients = new List<MachineClientView>();
        foreach (var (application, properties) in (await OrganizationApplications.ListAsync(caller.OrganizationId(), database, applications, cancellationToken))
            .Where(application => application.IsMachineClient()))
        {
            var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
            clients.Add(new MachineClientView(
                (await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..])],
                properties[MachineClients.RoleProperty].GetString()!,
                properties.TryGetValue(MachineClients.CreatedByProperty, out var by) ? by.GetGuid() : null,
                properties.TryGetValue(MachineClients.CreatedAtProperty, out var at) ? at.GetDateTimeOffset() : null));
        }

        return TypedResults.Ok(clients.OrderBy(client => client.CreatedAt).ToArray());
    }

    /// <summary>
    /// Only an owner or admin of the client's own organization may delete it; any other answer is 404, a third-party
    /// app of the same organization included (it is deleted as an app).
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(
        string clientId, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await OrganizationApplications.FindAsync(clientId, caller.OrganizationId(), applications, cancellationToken) is not { } found || !found.IsMachineClient())
        {
            return TypedResults.NotFound();
        }

        if (!caller.MayGrant(OrganizationRole.Admin))
        {
            return TypedResults.Forbid();
        }

        await applications.DeleteAsync(found.Application, cancellationToken);
        return TypedResults.NoContent();
    }
}
