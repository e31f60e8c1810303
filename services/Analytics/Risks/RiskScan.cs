using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Data;

namespace Platform.Analytics.Risks;

/// <summary>
/// Every <c>Analytics:RiskScanInterval</c> (an hour unless set), assesses every project again: time alone makes work
/// overdue or aging, with no event to say so; a change of level is announced as after an event.
/// </summary>
public sealed class RiskScan(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, IConfiguration configuration, ILogger<RiskScan> logger)
    : OrganizationScan<AnalyticsDbContext>(scopes, tenant, clock, logger)
{
    protected override string Name => "risk-scan";

    protected override TimeSpan Interval => configuration.GetValue("Analytics:RiskScanInterval", TimeSpan.FromHours(1));

    protected override Task<List<Guid>> OrganizationsAsync(AnalyticsDbContext db, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().Select(o => o.OrganizationId).ToListAsync(cancellationToken);

    protected override async Task ScanOrganizationAsync(IServiceProvider services, AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var watch = services.GetRequiredService<RiskWatch>();
        foreach (var project in await db.Projects.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken))
        {
            await watch.ReassessAsync(project, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
