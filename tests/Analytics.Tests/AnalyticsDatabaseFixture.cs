using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Forecasting;
using Platform.Analytics.Risks;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.Testing;

namespace Platform.Analytics.Tests;

/// <summary>
/// A real Postgres with the analytics schema, the service's handlers and operations, and a clock stopped at
/// <see cref="Now"/>; each test feeds events for an organization of its own, as the event dispatcher hands them over.
/// </summary>
public sealed class AnalyticsDatabaseFixture : IAsyncLifetime
{
    /// <summary>A Monday noon.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([AnalyticsDataExtensions.ConnectionName], cancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{AnalyticsDataExtensions.ConnectionName}"] =
                await _servers.ConnectionStringAsync(AnalyticsDataExtensions.ConnectionName, cancellationToken),
        });
        builder.AddAnalyticsData();
        builder.Services.TryAddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddScoped<FlowJournal>();
        builder.Services.AddScoped<FlowRebuild>();
        builder.Services.AddScoped<ProjectFlows>();
        builder.Services.AddScoped<ForecastOperation>();
        builder.Services.AddScoped<ForecastCalibration>();
        builder.Services.AddScoped<ProjectRisks>();
        builder.Services.AddScoped<RiskWatch>();
        builder.Services.AddSingleton<RiskScan>();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Each event handled in its own transaction, in the organization's tenant, by the flow records and then the risk
    /// watch, as the service subscribes them.
    /// </summary>
    public async Task HandleAsync(Guid organization, IEnumerable<IntegrationEvent> events)
    {
        foreach (var integrationEvent in events)
        {
            await InTenantAsync(organization, async services =>
            {
                var journal = services.GetRequiredService<FlowJournal>();
                var cancellationToken = TestContext.Current.CancellationToken;
                await (integrationEvent switch
                {
                    ProjectChanged e => journal.HandleAsync(e, cancellationToken),
                    TaskCreated e => journal.HandleAsync(e, cancellationToken),
                    TaskUpdated e => journal.HandleAsync(e, cancellationToken),
                    TaskDeleted e => journal.HandleAsync(e, cancellationToken),
                    DependencyAdded e => journal.HandleAsync(e, cancellationToken),
                    DependencyRemoved e => journal.HandleAsync(e, cancellationToken),
                    _ => throw new ArgumentException($"analytics does not handle {integrationEvent.GetType().Name}"),
                });
                var db = services.GetRequiredService<AnalyticsDbContext>();
                await db.SaveChangesAsync(cancellationToken);
                var watch = services.GetRequiredService<RiskWatch>();
                await (integrationEvent switch
                {
                    TaskCreated e => watch.HandleAsync(e, cancellationToken),
                    TaskUpdated e => watch.HandleAsync(e, cancellationToken),
                    TaskDeleted e => watch.HandleAsync(e, cancellationToken),
                    DependencyAdded e => watch.HandleAsync(e, cancellationToken),
                    DependencyRemoved e => watch.HandleAsync(e, cancellationToken),
                    _ => Task.CompletedTask,
                });
                await db.SaveChangesAsync(cancellationToken);
            });
        }
    }

    public async Task<T> InTenantAsync<T>(Guid organization, Func<IServiceProvider, Task<T>> work)
    {
        using var tenant = Host.Services.GetRequiredService<TenantContext>().Enter(organization);
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InTenantAsync(Guid organization, Func<IServiceProvider, Task> work) =>
        InTenantAsync(organization, async services =>
        {
            await work(services);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
