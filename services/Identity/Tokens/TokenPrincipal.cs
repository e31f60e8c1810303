using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Identity.Organizations;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>Builds what a user's tokens say: who, in which organization, with which role and scopes.</summary>
public static class TokenPrincipal
{
    public static ClaimsPrincipal ForUser(PlatformUser user, Membership membership, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(PlatformClaimTypes.Organization, membership.OrganizationId.ToString())
            .SetClaim(PlatformClaimTypes.Role, RoleName(membership.Role));

        identity.SetScopes(GrantedScopes(requestedScopes, membership.Role));
        identity.SetResources(Audiences);
        identity.SetDestinations(claim => Destinations(claim, identity));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A machine client of an organization: its client id is the subject.</summary>
    public static ClaimsPrincipal ForMachine(string clientId, string name, string organizationId, string role, IEnumerable<string> grantedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, name)
            .SetClaim(PlatformClaimTypes.Organization, organizationId)
            .SetClaim(PlatformClaimTypes.Role, role);
        identity.SetScopes(grantedScopes);
        identity.SetResources(Audiences);
        identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The platform's APIs, and the AI service by name: it receives callers' tokens (the MCP server) and exchanges them
    /// for narrower ones (<see cref="Connect.TokenExchange"/>), which the token server allows only to a named audience.
    /// </summary>
    private static readonly string[] Audiences = [PlatformScopes.Audience, Connect.FirstPartyClients.Ai];

    public static string RoleName(OrganizationRole role) => role.ToString().ToLowerInvariant();

    /// <summary>What the role holds of what was asked for (<see cref="ScopeGrants.MayHold"/>), whatever the client asked for.</summary>
    public static IEnumerable<string> GrantedScopes(IEnumerable<string> requested, OrganizationRole role) =>
        requested
            .Where(scope => ScopeGrants.All.Contains(scope))
            .Where(scope => ScopeGrants.MayHold(scope, role))
            .Distinct();

    /// <summary>Everything goes into the access token; the identity token only gets what its scopes allow.</summary>
    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Name when identity.HasScope(Scopes.Profile) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when identity.HasScope(Scopes.Email) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        PlatformClaimTypes.Organization or PlatformClaimTypes.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
