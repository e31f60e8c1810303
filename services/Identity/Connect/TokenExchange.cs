using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.AccessTokens;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// Token exchange (RFC 8693) for the AI service (<see cref="FirstPartyClients.Ai"/>, the only client allowed the grant): a
/// caller's access token, or personal access token (<see cref="PersonalAccessTokenType"/>), for a token of the same
/// person or machine with only the scopes asked for, all of which the caller's token must hold. The AI service runs
/// each tool call with one, so a tool can do only what its scopes allow whatever the caller's token could. It lives
/// <see cref="Lifetime"/> at most and never beyond the caller's token; membership and role are read again, as on a refresh.
/// </summary>
public static class TokenExchange
{
    /// <summary>The subject_token_type of a personal access token (plat_…), which is no token this server issues.</summary>
    public const string PersonalAccessTokenType = PersonalAccessTokenClaims.ExchangeTokenType;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>RFC 8693 §4.1's claim (OpenIddict's Claims.Actor is another, "actor").</summary>
    private const string ActorClaim = "act";

    public static async Task<IResult> HandleAsync(
        HttpContext http, OpenIddictRequest request, UserManager<PlatformUser> users, IdentityDataContext database, IOpenIddictApplicationManager applications,
        PersonalAccessTokens personalTokens, TimeProvider clock)
    {
        var subject = request.SubjectTokenType == PersonalAccessTokenType
            ? await PersonalAsync(request.SubjectToken, personalTokens, http.RequestAborted)
            : FromAccessToken((await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal);
        if (subject is null)
        {
            return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The subject token is unknown, revoked or expired.");
        }

        var requested = request.GetScopes();
        var beyond = requested.Where(scope => !subject.Scopes.Contains(scope)).ToArray();
        if (requested.IsEmpty || beyond.Length > 0)
        {
            return OpenIdRefusal.Forbid(Errors.InvalidScope, requested.IsEmpty
                ? "Name the scopes the new token needs."
                : $"The subject token does not hold {string.Join(", ", beyond)}; an exchanged token never holds more than it.");
        }

        var lifetime = subject.ExpiresAt - clock.GetUtcNow() is var left && left < Lifetime ? left : Lifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The subject token has expired.");
        }

        ClaimsPrincipal principal;
        if (Guid.TryParse(subject.Id, out var userId))
        {
            var user = await users.FindByIdAsync(userId.ToString());
            var membership = user is null || await users.IsLockedOutAsync(user) ? null
                : await Memberships.FindAsync(database, userId, subject.OrganizationId, http.RequestAborted);
            if (membership is null)
            {
                return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The user is no longer a member of the organization.");
            }
            principal = TokenPrincipal.ForUser(user!, membership, requested);
        }
        else if (await applications.FindByClientIdAsync(subject.Id, http.RequestAborted) is null)
        {
            return OpenIdRefusal.Forbid(Errors.InvalidGrant, "The machine client no longer exists.");
        }
        else
        {
            principal = TokenPrincipal.ForMachine(subject.Id, subject.Name ?? subject.Id, subject.OrganizationId, subject.Role, requested);
        }

        // Who acts for the subject (RFC 8693 §4.1): services and audits can tell a tool's call from the person's own.
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.SetClaim(ActorClaim, JsonSerializer.SerializeToElement(new { sub = request.ClientId }));
        identity.FindFirst(ActorClaim)!.SetDestinations(Destinations.AccessToken);
        principal.SetAccessTokenLifetime(lifetime);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Who the subject token stands for, and what it may do until when.</summary>
    private sealed record Subject(string Id, string? Name, string OrganizationId, string Role, string[] Scopes, DateTimeOffset ExpiresAt);

    private static async Task<Subject?> PersonalAsync(string? secret, PersonalAccessTokens tokens, CancellationToken cancellationToken) =>
        await tokens.VerifyAsync(secret, cancellationToken) is { } verified
            ? new Subject(verified.UserId.ToString(), null, verified.OrganizationId.ToString(), verified.Role, verified.Scopes, verified.ExpiresAt)
            : null;

    private static Subject? FromAccessToken(ClaimsPrincipal? principal) =>
        principal?.GetClaim(Claims.Subject) is { } id && principal.GetClaim(PlatformClaimTypes.Organization) is { } organization
            && principal.GetExpirationDate() is { } expires
            ? new Subject(id, principal.GetClaim(Claims.Name), organization, principal.GetClaim(PlatformClaimTypes.Role) ?? "", [.. principal.GetScopes()], expires)
            : null;
}
