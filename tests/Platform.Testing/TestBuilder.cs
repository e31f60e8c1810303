using Aspire.Hosting;

namespace Platform.Testing;

public static class TestBuilder
{
    /// <summary>
    /// Test graphs run side by side (test projects in parallel), so their local servers take free ports,
    /// never the fixed ones a developer's running AppHost uses.
    /// </summary>
    public static readonly string[] FreeServerPorts =
    [
        "--LocalInfrastructure:PostgresPort=0", "--LocalInfrastructure:RedisPort=0", "--LocalInfrastructure:ServicePorts=0",
        "--LocalInfrastructure:SmtpPort=0", "--LocalInfrastructure:MailWebPort=0", "--LocalInfrastructure:ClamAvPort=0",
    ];

    /// <summary>
    /// An empty graph that runs with the AppHost assembly's orchestrator, without a dashboard, and
    /// removes what it started when disposed. (The testing builder would look for the AppHost on the stack.)
    /// </summary>
    public static IDistributedApplicationBuilder Create(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--DcpPublisher:RandomizePorts=true", "--DcpPublisher:DeleteResourcesOnShutdown=true", .. FreeServerPorts, .. args],
            // The AppHost's assembly carries the orchestrator's and dashboard's paths (its SDK writes them there).
            AssemblyName = typeof(Projects.Migrations).Assembly.GetName().Name,
            DisableDashboard = true,
        });
}
