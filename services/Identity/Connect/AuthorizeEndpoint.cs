using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// The authorization endpoint (code flow with PKCE): a signed-in user gets a code for the organization
/// named by the <c>organization</c> parameter (id or slug), else their oldest membership.
/// </summary>
public static class AuthorizeEndpoint
{
    /// <summary>The authorization and refresh request's parameter naming the organization to act in (id or slug).</summary>
    public const string OrganizationParameter = "organization";

    public static async Task<IResult> Handle(
        HttpContext http, UserManager<PlatformUser> users, IdentityDataContext database,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");

        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            // Back here after sign-in, with the same parameters.
            var returnUrl = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal);
        if (user is null)
        {
            return OpenIdRefusal.Forbid(Errors.LoginRequired, "The signed-in user no longer exists.");
        }

        var membership = await Memberships.FindAsync(database, user.Id, (string?)request[OrganizationParameter], http.RequestAborted);
        if (membership is null)
        {
            return OpenIdRefusal.Forbid(Errors.AccessDenied, "You are not a member of that organization.");
        }

        var principal = TokenPrincipal.ForUser(user, membership, request.GetScopes());
        var (consent, authorizationId) = await Consent.DecideAsync(http, request, user.Id.ToString(), principal, applications, authorizations, antiforgery);
        switch (consent)
        {
            case Consent.Outcome.Ask:
                var parameters = request.GetParameters()
                    .Where(parameter => parameter.Key is not (Consent.Field or "__RequestVerificationToken"))
                    .Select(parameter => KeyValuePair.Create(parameter.Key, (string?)parameter.Value));
                return Results.Redirect(http.Request.PathBase + Consent.PagePath + QueryString.Create(parameters));
            case Consent.Outcome.Refused:
                return OpenIdRefusal.Forbid(Errors.AccessDenied, "You did not allow this application.");
            case Consent.Outcome.BadRequest:
                return OpenIdRefusal.Forbid(Errors.InvalidRequest, "The consent form has expired; start again.");
            case Consent.Outcome.Given:
                principal.SetAuthorizationId(authorizationId);
                break;
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
