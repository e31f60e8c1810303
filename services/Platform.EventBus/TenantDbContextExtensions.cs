using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Data;
using Platform.EventBus.Outbox;

namespace Microsoft.Extensions.Hosting;

public static class TenantDbContextExtensions
{
    /// <summary>
    /// A service's DbContext on the AppHost's database <paramref name="connectionName"/>, pooled, with snake_case
    /// names: every connection carries the caller's organization (row-level security) and every commit wakes the
    /// outbox relay. No retrying execution strategy: requests and event handlers run explicit transactions (outbox,
    /// inbox, locks), which that strategy refuses; a transient failure surfaces instead. (Here rather than in
    /// Platform.Data because the outbox signal is the event bus's.)
    /// </summary>
    public static IHostApplicationBuilder AddTenantDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName) where TContext : DbContext
    {
        builder.Services.AddTenancy();
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(TenantConnectionString.For(Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(builder.Configuration, connectionName)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        return builder;
    }
}
