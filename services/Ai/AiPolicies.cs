namespace Platform.Ai;

public static class AiPolicies
{
    /// <summary>A signed-in user of an organization; what each tool may do is the REST API's business.</summary>
    public const string Mcp = "mcp";

    /// <summary>
    /// A user of an organization whose token reads tasks (projects:read) or documents (docs:read): search, questions
    /// and the activity feed each give such a caller only the kinds its scopes cover.
    /// </summary>
    public const string Read = "read";

    public static readonly string[] ReadScopes = [PlatformScopes.ProjectsRead, PlatformScopes.DocsRead];
}
