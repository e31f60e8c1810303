using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Data;

namespace Platform.Analytics.Risks;

/// <summary>
/// Every <c>Analytics:RiskScanInterval</c> (an hour unless set), assesses every project again: time alone makes work
/// overdue or aging, with no event to say so. Each organization is scanned as itself, in a transaction of its own, by
/// one replica at a time.
/// </summary>
public sealed class RiskScan(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, IConfiguration configuration, ILogger<RiskScan> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Analytics:RiskScanInterval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "The risk scan failed; it runs again in {Interval}", interval);
            }
        }
    }

    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Organizations.AsNoTracking()
                .Select(o => o.OrganizationId).ToListAsync(cancellationToken);
        }
        foreach (var organization in organizations)
        {
            using (tenant.Enter(organization))
            {
                await ScanOrganizationAsync(cancellationToken);
            }
        }
    }

    private async Task ScanOrganizationAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = tenant.RequiredOrganizationId.ToString();
        if (!(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext('risk-scan:' || {organization})) AS \"Value\"").ToListAsync(cancellationToken)).Single())
        {
            return;
        }
        var watch = scope.ServiceProvider.GetRequiredService<RiskWatch>();
        foreach (var project in await db.Projects.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken))
        {
            await watch.ReassessAsync(project, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
