namespace Platform.AppHost;

/// <summary>
/// Every service answers <c>/health</c> once it can serve (its database and Redis reached; ServiceDefaults'
/// MapHealthEndpoints). The AppHost probes it: a service shows as healthy in the dashboard, and the services and test
/// graphs that wait for it start, only once it answers.
/// </summary>
public static class ServiceHealth
{
    public const string Path = "/health";
}
