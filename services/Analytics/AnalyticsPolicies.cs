namespace Platform.Analytics;

public static class AnalyticsPolicies
{
    /// <summary>Flow metrics and forecasts read what the projects service shows: the projects:read scope.</summary>
    public const string Read = PlatformScopes.ProjectsRead;

    /// <summary>Rebuilding the organization's projection is an administrator's act (org:admin).</summary>
    public const string Administer = PlatformScopes.OrganizationAdmin;
}
