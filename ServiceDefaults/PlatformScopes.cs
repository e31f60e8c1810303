namespace Microsoft.Extensions.Hosting;

/// <summary>The audience of platform access tokens and the scopes they carry; the identity service grants them, every service requires them.</summary>
public static class PlatformScopes
{
    /// <summary>The <c>aud</c> of every access token; each service accepts only tokens meant for it.</summary>
    public const string Audience = "platform";

    /// <summary>The AI service's client id: an audience of every access token, as it exchanges them for its tools' narrower ones.</summary>
    public const string AiClient = "platform-ai";

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

    /// <summary>Every platform scope a token may carry, as the consent page and the API descriptions list them.</summary>
    public static readonly string[] All = [.. Api, OrganizationAdmin, Account];

    /// <summary>What a scope allows, as a person reads it (the consent page, the API description's sign-in).</summary>
    public static string Describe(string scope) => scope switch
    {
        ProjectsRead => "read projects and tasks",
        ProjectsWrite => "create and change projects and tasks",
        DocsRead => "read documents",
        DocsWrite => "edit documents",
        OrganizationAdmin => "administer the organization: add and remove members, change roles, register machine clients and apps",
        Account => "manage your account: create and revoke your personal access tokens, found and leave organizations",
        _ => scope,
    };
}
