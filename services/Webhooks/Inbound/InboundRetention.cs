using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Webhooks.Data;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// Raw payloads are dropped once their week is over; the log line of a delivery (its id, which recognises a replay,
/// and what it became) goes after a month.
/// </summary>
public sealed class InboundRetention(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, ILogger<InboundRetention> logger)
    : OrganizationScan<WebhooksDbContext>(scopes, tenant, clock, logger)
{
    public static readonly TimeSpan LogKeptFor = TimeSpan.FromDays(30);

    protected override string Name => "inbound-retention";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override Task<List<Guid>> OrganizationsAsync(WebhooksDbContext db, CancellationToken cancellationToken) =>
        db.Directory.AsNoTracking().Select(d => d.OrganizationId).Distinct().ToListAsync(cancellationToken);

    protected override async Task ScanOrganizationAsync(IServiceProvider services, WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await db.InboundDeliveries.Where(d => d.Payload != null && d.KeptUntil < now)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Payload, (string?)null), cancellationToken);
        await db.InboundDeliveries.Where(d => d.ReceivedAt < now - LogKeptFor).ExecuteDeleteAsync(cancellationToken);
    }
}
