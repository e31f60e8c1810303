using Platform.Projects.Data;

namespace Microsoft.Extensions.Hosting;

public static class ProjectsDataExtensions
{
    /// <summary>The database named <c>projectsdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "projectsdb";

    /// <summary>
    /// The service's DbContext: every connection carries the caller's organization (row-level security)
    /// and every commit wakes the outbox relay.
    /// </summary>
    public static IHostApplicationBuilder AddProjectsData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<ProjectsDbContext>(ConnectionName);
}
