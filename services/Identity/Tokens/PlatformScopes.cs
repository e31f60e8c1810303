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

    public static readonly string[] Api = [ProjectsRead, ProjectsWrite, DocsRead, DocsWrite];

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. Api];

    public static bool IsWrite(string scope) => scope is ProjectsWrite or DocsWrite;
}
