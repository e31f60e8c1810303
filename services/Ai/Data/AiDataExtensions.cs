using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Ai.Data;
using Platform.Data;
using Platform.EventBus.Outbox;

namespace Microsoft.Extensions.Hosting;

public static class AiDataExtensions
{
    /// <summary>The database named <c>aidb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "aidb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddAiData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTenancy();
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<AiDbContext>((services, options) => options
            .UseNpgsql(TenantConnectionString.For(builder.Configuration.GetConnectionString(ConnectionName)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        // Event handlers run in the consumer's explicit transaction, which a retrying strategy refuses.
        builder.EnrichNpgsqlDbContext<AiDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }
}
