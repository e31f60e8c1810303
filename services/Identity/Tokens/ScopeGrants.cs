using Platform.Identity.Organizations;
using static Microsoft.Extensions.Hosting.PlatformScopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>
/// Which of the platform's scopes (<see cref="PlatformScopes"/>) the identity service grants, to whom, and how it
/// describes them to a person asked for consent.
/// </summary>
public static class ScopeGrants
{
    /// <summary>What a personal access token may carry: the APIs and, for an owner or admin, administration.</summary>
    public static readonly string[] PersonalAccessToken = [.. Api, OrganizationAdmin];

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. PlatformScopes.All];

    /// <summary>What a person reads on the consent page before allowing an app a scope.</summary>
    public static string Describe(string scope) => scope switch
    {
        Scopes.OpenId => "know who you are",
        Scopes.Profile => "see your name",
        Scopes.Email => "see your email address",
        Scopes.OfflineAccess => "keep acting for you when you are away",
        _ => PlatformScopes.Describe(scope),
    };

    public static bool IsWrite(string scope) => scope is ProjectsWrite or DocsWrite;

    /// <summary>A viewer holds no write scope; only owners and admins hold administration.</summary>
    public static bool MayHold(string scope, OrganizationRole role) => scope switch
    {
        OrganizationAdmin => role is OrganizationRole.Owner or OrganizationRole.Admin,
        _ when IsWrite(scope) => role != OrganizationRole.Viewer,
        _ => true,
    };

    /// <summary>
    /// Why a token or client cannot be given <paramref name="requested"/>: a scope outside <paramref name="allowed"/>, or
    /// one the creating token does not hold itself (nothing is ever granted beyond its maker). Null when it can.
    /// </summary>
    public static string? RefuseGrant(string[]? requested, string[] allowed, System.Security.Claims.ClaimsPrincipal maker)
    {
        var unknown = (requested ?? []).Where(scope => !allowed.Contains(scope)).ToArray();
        if (requested is not { Length: > 0 } || unknown.Length > 0)
        {
            return $"One or more of {string.Join(", ", allowed)} is required{(unknown.Length > 0 ? $"; not allowed here: {string.Join(", ", unknown)}" : "")}.";
        }

        var beyond = requested.Where(scope => !maker.HasScope(scope)).ToArray();
        return beyond.Length > 0 ? $"Only scopes your own token holds can be given; it lacks {string.Join(", ", beyond)}." : null;
    }
}
