using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.Webhooks.Data;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Outbound;

/// <summary>The organization's outbound endpoints: adding, changing, rotating, testing, and redelivering what they missed.</summary>
public sealed class EndpointCatalog(WebhooksDbContext db, TenantContext tenant, TimeProvider clock, IOptions<OutboundOptions> options, OutboundSignal signal)
{
    public const int MaxPerOrganization = 50;

    /// <summary>How long a rotated-out secret still signs messages beside the new one, while receivers are changed over.</summary>
    public static readonly TimeSpan PreviousSecretSigns = TimeSpan.FromHours(24);

    public bool AllowsPrivateAddresses => options.Value.AllowPrivateAddresses;

    public Task<List<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken) =>
        OrganizationEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);

    public Task<WebhookEndpoint?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        OrganizationEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>The organization's own endpoints: members' personal chats are theirs (<see cref="Chat.PersonalChats"/>).</summary>
    private IQueryable<WebhookEndpoint> OrganizationEndpoints => db.Endpoints.Where(e => e.Recipient == null);

    public async Task<WebhookEndpoint?> AddAsync(EndpointInput input, string actor, CancellationToken cancellationToken)
    {
        if (await OrganizationEndpoints.CountAsync(cancellationToken) >= MaxPerOrganization)
        {
            return null;
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            OrganizationId = tenant.RequiredOrganizationId,
            Url = input.Url!,
            Description = input.Description?.Trim() ?? "",
            Format = input.Format!,
            EventTypes = [.. input.EventTypes!.Distinct()],
            Secret = StandardWebhooks.NewSecret(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return endpoint;
    }

    /// <summary>Puts the fields given on the endpoint, and turns it off or back on; the errors when the result would be invalid (nothing changes then).</summary>
    public async Task<Dictionary<string, string[]>> ChangeAsync(WebhookEndpoint endpoint, EndpointInput change, string actor, CancellationToken cancellationToken)
    {
        var merged = new EndpointInput(change.Url ?? endpoint.Url, change.Description ?? endpoint.Description, change.Format ?? endpoint.Format,
            change.EventTypes ?? [.. endpoint.EventTypes]);
        if (merged.Validate(AllowsPrivateAddresses) is { Count: > 0 } errors)
        {
            return errors;
        }

        (endpoint.Url, endpoint.Description, endpoint.Format, endpoint.EventTypes) = (merged.Url!, merged.Description!.Trim(), merged.Format!, [.. merged.EventTypes!.Distinct()]);
        if (change.Enabled is true)
        {
            (endpoint.DisabledAt, endpoint.DisabledReason, endpoint.FailingSince) = (null, null, null);
        }
        else if (change.Enabled is false && endpoint.DisabledAt is null)
        {
            (endpoint.DisabledAt, endpoint.DisabledReason) = (clock.GetUtcNow(), $"Disabled by {actor}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task RemoveAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        db.Endpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new secret; messages carry signatures of both for a day, so receivers can switch without losing any.</summary>
    public async Task RotateSecretAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        (endpoint.PreviousSecret, endpoint.PreviousSecretExpiresAt, endpoint.Secret) =
            (endpoint.Secret, clock.GetUtcNow() + PreviousSecretSigns, StandardWebhooks.NewSecret());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A test message to the endpoint, due at once: also to a disabled one, so its owner can check it works before enabling it.</summary>
    public async Task<OutboundDelivery> TestAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var test = new TestMessage(endpoint.Id, "This endpoint receives the organization's events.") { OrganizationId = endpoint.OrganizationId, OccurredAt = now };
        var delivery = OutboundFanout.Queue(db, endpoint, test, OutboundEventTypes.Test, options.Value.WebAddress, now);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return delivery;
    }

    public Task<List<OutboundDelivery>> DeliveriesAsync(Guid endpointId, int limit, CancellationToken cancellationToken) =>
        db.OutboundDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);

    public Task<OutboundDelivery?> FindDeliveryAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken) =>
        db.OutboundDeliveries.SingleOrDefaultAsync(d => d.EndpointId == endpointId && d.Id == deliveryId, cancellationToken);

    public Task<List<DeliveryAttempt>> AttemptsAsync(Guid deliveryId, CancellationToken cancellationToken) =>
        db.Attempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.At).ToListAsync(cancellationToken);

    /// <summary>Sends the delivery again now, whatever became of it (one more attempt when its retries are used up).</summary>
    public async Task RedeliverAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        (delivery.Status, delivery.NextAttemptAt) = (DeliveryStatus.Pending, now);
        if (await db.Schedule.SingleOrDefaultAsync(s => s.DeliveryId == delivery.Id, cancellationToken) is { } scheduled)
        {
            scheduled.DueAt = now;
        }
        else
        {
            db.Schedule.Add(new OutboundSchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, DueAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
    }
}
