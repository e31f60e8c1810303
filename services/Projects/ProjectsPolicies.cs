namespace Platform.Projects;

/// <summary>Authorization by scope; the identity service grants viewers no write scope.</summary>
public static class ProjectsPolicies
{
    public const string Read = PlatformScopes.ProjectsRead;
    public const string Write = PlatformScopes.ProjectsWrite;
}
