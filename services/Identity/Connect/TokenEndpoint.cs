using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.AccessTokens;
using Platform.Identity.Data;
using Platform.Identity.Machines;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// The token endpoint: exchanges a code or a refresh token (or, for the AI service, a caller's token: <see cref="TokenExchange"/>). The user, their membership and role are
/// read again each time, so a removed member or a changed role takes effect at the next refresh
/// (and an access token lives 15 minutes).
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Handle(
        HttpContext http, UserManager<PlatformUser> users, IdentityDataContext database, IOpenIddictApplicationManager applications,
        PersonalAccessTokens personalTokens, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (request.IsClientCredentialsGrantType())
        {
            return await MachineAsync(request, applications, http.RequestAborted);
        }

        if (request.IsTokenExchangeGrantType())
        {
            return await TokenExchange.HandleAsync(http, request, users, database, applications, personalTokens, clock);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return OpenIdRefusal.Forbid(Errors.UnsupportedGrantType, "Use authorization_code, refresh_token, client_credentials or token exchange.");
        }

        var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = previous?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The user can no longer sign in.");
        }

        // A refresh may switch organization (parameter "organization": id or slug) for a user in several.
        var organization = request.IsRefreshTokenGrantType() && (string?)request[AuthorizeEndpoint.OrganizationParameter] is { Length: > 0 } switchTo
            ? switchTo
            : previous!.GetClaim(PlatformClaimTypes.Organization);
        var membership = await Memberships.FindAsync(database, user.Id, organization, http.RequestAborted);
        if (membership is null)
        {
            return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The user is no longer a member of the organization.");
        }

        return Results.SignIn(TokenPrincipal.ForUser(user, membership, previous!.GetScopes()), properties: null,
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>OpenIddict has checked the secret and the scope permissions; the organization and role come from the client.</summary>
    private static async Task<IResult> MachineAsync(OpenIddictRequest request, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken);
        var organization = application is null ? null : await MachineClients.OrganizationOfAsync(applications, application, cancellationToken);
        var role = application is null ? null : await MachineClients.RoleOfAsync(applications, application, cancellationToken);
        if (application is null || organization is null || role is null)
        {
            return OpenIdRefusal.Forbid(Errors.UnauthorizedClient, "This client cannot act for an organization.");
        }

        var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
        return Results.SignIn(TokenPrincipal.ForMachine(request.ClientId!, name, organization, role, request.GetScopes()), properties: null,
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
