using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Collaboration.Data;
using Platform.Data;
using Platform.EventBus.Outbox;

namespace Microsoft.Extensions.Hosting;

public static class CollaborationDataExtensions
{
    /// <summary>The database named <c>collabdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "collabdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security) and every commit wakes the outbox relay.</summary>
    public static IHostApplicationBuilder AddCollaborationData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTenancy();
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<CollaborationDbContext>((services, options) => options
            .UseNpgsql(TenantConnectionString.For(builder.Configuration.GetConnectionString(ConnectionName)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        // Commits run explicit transactions (the documents' rows locked, the log, the outbox), which a retrying strategy refuses.
        builder.EnrichNpgsqlDbContext<CollaborationDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }
}
