using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Data;
using Platform.EventBus.Outbox;
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
    public static IHostApplicationBuilder AddProjectsData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTenancy();
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<ProjectsDbContext>((services, options) => options
            .UseNpgsql(TenantConnectionString.For(builder.Configuration.GetConnectionString(ConnectionName)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        // No retrying execution strategy: requests and event handlers run explicit transactions (task
        // numbers, outbox, inbox), which that strategy refuses; a transient failure surfaces instead.
        builder.EnrichNpgsqlDbContext<ProjectsDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }
}
