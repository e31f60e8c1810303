using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Data;

/// <summary>
/// Work a service does every <see cref="Interval"/> in each organization that needs it: each organization is scanned as
/// itself, in a transaction of its own, by one replica at a time (a transaction-scoped advisory lock per scan and
/// organization; the others skip it until their next tick). A failed scan is logged and runs again at the next tick.
/// </summary>
public abstract class OrganizationScan<TContext>(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, ILogger logger)
    : BackgroundService where TContext : DbContext
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Names the scan's lock, so two kinds of scan of one organization do not exclude each other.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>The organizations to scan, read across organizations (from a table outside row-level security).</summary>
    protected abstract Task<List<Guid>> OrganizationsAsync(TContext db, CancellationToken cancellationToken);

    /// <summary>The scan of one organization, inside its transaction; <paramref name="services"/> is the scan's scope.</summary>
    protected abstract Task ScanOrganizationAsync(IServiceProvider services, TContext db, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "The {Scan} failed; it runs again in {Interval}", Name, Interval);
            }
        }
    }

    /// <summary>One scan of every organization (the timer's tick; tests call it directly).</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await OrganizationsAsync(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
        }

        foreach (var organization in organizations)
        {
            using (tenant.Enter(organization))
            {
                await ScanOneAsync(cancellationToken);
            }
        }
    }

    private async Task ScanOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = tenant.RequiredOrganizationId.ToString();
        if (!(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({Name} || ':' || {organization})) AS \"Value\"").ToListAsync(cancellationToken)).Single())
        {
            return;
        }

        await ScanOrganizationAsync(scope.ServiceProvider, db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed(scope.ServiceProvider);
    }

    /// <summary>After an organization's scan committed: what must wait for the commit (telling listeners).</summary>
    protected virtual void Committed(IServiceProvider services)
    {
    }
}
