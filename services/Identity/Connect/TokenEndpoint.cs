using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Data;
using Platform.Identity.Tokens;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// The token endpoint: exchanges a code or a refresh token. The user, their membership and role are
/// read again each time, so a removed member or a changed role takes effect at the next refresh
/// (and an access token lives 15 minutes).
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, UserManager<PlatformUser> users, IdentityDataContext database)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return AuthorizeEndpoint.Forbid(Errors.UnsupportedGrantType, "Use authorization_code or refresh_token.");
        }

        var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = previous?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthorizeEndpoint.Forbid(Errors.InvalidGrant, "The user can no longer sign in.");
        }

        // A refresh may switch organization (parameter "organization": id or slug) for a user in several.
        var organization = request.IsRefreshTokenGrantType() && (string?)request[AuthorizeEndpoint.OrganizationParameter] is { Length: > 0 } switchTo
            ? switchTo
            : previous!.GetClaim(PlatformClaims.Organization);
        var membership = await AuthorizeEndpoint.FindMembershipAsync(database, user.Id, organization, http.RequestAborted);
        if (membership is null)
        {
            return AuthorizeEndpoint.Forbid(Errors.InvalidGrant, "The user is no longer a member of the organization.");
        }

        return Results.SignIn(TokenPrincipal.ForUser(user, membership, previous!.GetScopes()), properties: null,
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
