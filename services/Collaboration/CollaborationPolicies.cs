namespace Platform.Collaboration;

/// <summary>Scopes the documents API and hub require.</summary>
public static class CollaborationPolicies
{
    public const string Read = PlatformScopes.DocsRead;
    public const string Write = PlatformScopes.DocsWrite;
}
