using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Machines;

public sealed record CreateMachineClientRequest(string? Name, string[]? Scopes, string? Role);

public sealed record CreatedMachineClient(string ClientId, string ClientSecret, string Name, string[] Scopes, string Role);

/// <summary>
/// Machines (CI, integrations) of an organization sign in with the client credentials grant. An owner or
/// admin registers one; its secret is shown once and kept only as OpenIddict's hash.
/// </summary>
public static class MachineClientEndpoints
{
    public const string OrganizationProperty = "organization_id";
    public const string RoleProperty = "role";

    public static async Task<Results<Created<CreatedMachineClient>, ValidationProblem, ForbidHttpResult>> Create(
        CreateMachineClientRequest request, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var role = OrganizationEndpoints.ParseRole(request.Role ?? "member");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of at most 100 characters is required."];
        }

        if (request.Scopes is not { Length: > 0 } || request.Scopes.Any(scope => !PlatformScopes.Api.Contains(scope)))
        {
            errors["scopes"] = [$"One or more of {string.Join(", ", PlatformScopes.Api)}."];
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

        descriptor.Properties[OrganizationProperty] = JsonSerializer.SerializeToElement(caller.OrganizationId().ToString());
        descriptor.Properties[RoleProperty] = JsonSerializer.SerializeToElement(TokenPrincipal.RoleName(role.Value));
        await applications.CreateAsync(descriptor, cancellationToken);

        return TypedResults.Created($"/organization/clients/{clientId}",
            new CreatedMachineClient(clientId, secret, descriptor.DisplayName, scopes, TokenPrincipal.RoleName(role.Value)));
    }

    /// <summary>Only an owner or admin of the client's own organization may delete it; any other answer is 404.</summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(
        string clientId, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null || await OrganizationOfAsync(applications, application, cancellationToken) != caller.OrganizationId().ToString())
        {
            return TypedResults.NotFound();
        }

        if (!caller.MayGrant(OrganizationRole.Admin))
        {
            return TypedResults.Forbid();
        }

        await applications.DeleteAsync(application, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<string?> OrganizationOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        (await applications.GetPropertiesAsync(application, cancellationToken)).TryGetValue(OrganizationProperty, out var value) ? value.GetString() : null;

    public static async Task<string?> RoleOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        (await applications.GetPropertiesAsync(application, cancellationToken)).TryGetValue(RoleProperty, out var value) ? value.GetString() : null;
}
