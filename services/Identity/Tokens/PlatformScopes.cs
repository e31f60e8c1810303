using Platform.Identity.Organizations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>The scopes a token may carry and the audience every platform API accepts.</summary>
public static class PlatformScopes
{
    /// <summary>The <c>aud</c> of every access token; each service accepts only tokens meant for it.</summary>
    public const string Audience = "platform";

    public const string ProjectsRead = "projects:read";
    public const string ProjectsWrite = "projects:write";
    public const string DocsRead = "docs:read";
    public const string DocsWrite = "docs:write";

    /// <summary>
    /// Administration of the organization the token acts in: members, machine clients, apps. Granted only to owners
    /// and admins, and never implied by another scope.
    /// </summary>
    public const string OrganizationAdmin = "org:admin";

    /// <summary>
    /// The signed-in person's own account: their personal access tokens, founding organizations and leaving one.
    /// Never carried by a personal access token or a machine client.
    /// </summary>
    public const string Account = "account";

    /// <summary>What the platform's services (projects, documents, AI) accept.</summary>
    public static readonly string[] Api = [ProjectsRead, ProjectsWrite, DocsRead, DocsWrite];

    /// <summary>What a personal access token may carry: the APIs and, for an owner or admin, administration.</summary>
    public static readonly string[] PersonalAccessToken = [.. Api, OrganizationAdmin];

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. Api, OrganizationAdmin, Account];

    /// <summary>What a person reads on the consent page before allowing an app a scope.</summary>
    public static string Describe(string scope) => scope switch
    {
        Scopes.OpenId => "know who you are",
        Scopes.Profile => "see your name",
        Scopes.Email => "see your email address",
        Scopes.OfflineAccess => "keep acting for you when you are away",
        ProjectsRead => "read projects and tasks",
        ProjectsWrite => "create and change projects and tasks",
        DocsRead => "read documents",
        DocsWrite => "edit documents",
        OrganizationAdmin => "administer the organization: add and remove members, change roles, register machine clients and apps",
        Account => "manage your account: create and revoke your personal access tokens, found and leave organizations",
        _ => scope,
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
