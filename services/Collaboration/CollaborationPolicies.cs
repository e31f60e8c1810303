namespace Platform.Collaboration;

/// <summary>Scopes the documents API and hub require.</summary>
public static class CollaborationPolicies
{
    public const string Read = "docs:read";
    public const string Write = "docs:write";
}
