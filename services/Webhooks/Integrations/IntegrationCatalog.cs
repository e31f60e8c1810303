using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;

namespace Platform.Webhooks.Integrations;

/// <summary>The organization's integrations: connecting a sender, rotating its secret, disconnecting it, reading its log.</summary>
public sealed class IntegrationCatalog(WebhooksDbContext db, TenantContext tenant, TimeProvider clock)
{
    public const int MaxPerOrganization = 100;

    public Task<List<Integration>> ListAsync(CancellationToken cancellationToken) =>
        db.Integrations.AsNoTracking().OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);

    public Task<Integration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Integrations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>A new integration with a new secret, and its address in the directory the inbound route reads.</summary>
    public async Task<Integration?> ConnectAsync(IntegrationInput input, string actor, CancellationToken cancellationToken)
    {
        if (await db.Integrations.CountAsync(cancellationToken) >= MaxPerOrganization)
        {
            return null;
        }

        var integration = new Integration
        {
            Id = Guid.NewGuid(),
            OrganizationId = tenant.RequiredOrganizationId,
            Provider = input.Provider!,
            Name = input.Name!.Trim(),
            Secret = Providers.NewSecret(input.Provider!),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        db.Integrations.Add(integration);
        db.Directory.Add(new IntegrationDirectory { IntegrationId = integration.Id, OrganizationId = integration.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        return integration;
    }

    /// <summary>A new secret; the old one still verifies for a day, while the sender is changed over.</summary>
    public async Task RotateSecretAsync(Integration integration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        integration.PreviousSecret = integration.Secret;
        integration.PreviousSecretExpiresAt = now + InboundReceiver.PreviousSecretAccepted;
        integration.Secret = Providers.NewSecret(integration.Provider);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The integration, its address and its log go at once: a sender still posting is refused from then on.</summary>
    public async Task DisconnectAsync(Integration integration, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InboundDeliveries.Where(d => d.IntegrationId == integration.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Directory.Where(d => d.IntegrationId == integration.Id && d.OrganizationId == integration.OrganizationId).ExecuteDeleteAsync(cancellationToken);
        db.Integrations.Remove(integration);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<InboundDelivery?> FindDeliveryAsync(Guid integrationId, Guid id, CancellationToken cancellationToken) =>
        db.InboundDeliveries.SingleOrDefaultAsync(d => d.IntegrationId == integrationId && d.Id == id, cancellationToken);

    public Task<List<InboundDeliveryView>> DeliveriesAsync(Guid integrationId, int limit, CancellationToken cancellationToken) =>
        db.InboundDeliveries.AsNoTracking().Where(d => d.IntegrationId == integrationId)
            .OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Take(limit)
            .Select(d => new InboundDeliveryView(d.Id, d.DeliveryId, d.Event, d.ReceivedAt, d.Outcome, d.Payload != null))
            .ToListAsync(cancellationToken);
}
