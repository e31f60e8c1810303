using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;
using Platform.Webhooks.Chat;
using Platform.Webhooks.Data;

namespace Platform.Webhooks.Outbound;

/// <summary>
/// Sends due deliveries. A pass claims a batch of due rows of the schedule for a lease (so replicas never send the same
/// one at once, and one claimed by a replica that died is sent again when its lease ends: delivery is at least once,
/// and receivers drop repeats by webhook-id), then sends each inside its own organization and records the outcome:
/// done, tried again later (<see cref="RetrySchedule"/>), or failed. An endpoint that answers 410 Gone, or has failed
/// without a success for <see cref="OutboundOptions.DisableAfter"/>, is disabled and its creator told.
/// </summary>
public sealed partial class OutboundDispatcher(
    IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, OutboundSignal signal, OutboundSender sender, WebhooksMetrics metrics,
    IOptions<OutboundOptions> options, ILogger<OutboundDispatcher> logger) : BackgroundService
{
    /// <summary>How long a claimed delivery is kept from other replicas: longer than an attempt may take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DispatchLoop.RunAsync(
        async cancellationToken => await DispatchDueAsync(cancellationToken) >= options.Value.BatchSize, signal.WaitAsync, Poll,
        e => LogPassFailed(logger, e), stoppingToken);

    private sealed record Claim(Guid DeliveryId, Guid OrganizationId);

    /// <summary>One pass: claims what is due and sends it; returns how many it claimed (tests call it directly).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        List<Claim> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WebhooksDbContext>();
            var now = clock.GetUtcNow();
            claimed = await db.Database.SqlQuery<Claim>($"""
                UPDATE outbound_schedule s SET due_at = {now + Lease}
                WHERE s.delivery_id IN (
                    SELECT delivery_id FROM outbound_schedule WHERE due_at <= {now} ORDER BY due_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING s.delivery_id, s.organization_id
                """).ToListAsync(cancellationToken);
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchSize, CancellationToken = cancellationToken },
            async (claim, token) =>
            {
                using (tenant.Enter(claim.OrganizationId))
                {
                    await AttemptAsync(claim.DeliveryId, token);
                }
            });
        return claimed.Count;
    }

    private async Task AttemptAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhooksDbContext>();
        // One round trip for the three: what is sent, where, and its place in the schedule.
        var found = await (
            from d in db.OutboundDeliveries
            join e in db.Endpoints on d.EndpointId equals e.Id
            join s in db.Schedule on d.Id equals s.DeliveryId
            where d.Id == deliveryId
            select new { Delivery = d, Endpoint = e, Scheduled = s }).SingleOrDefaultAsync(cancellationToken);
        if (found is not { Delivery.Status: DeliveryStatus.Pending })
        {
            // Gone with its endpoint, or sent meanwhile by hand.
            await db.Schedule.Where(s => s.DeliveryId == deliveryId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var (delivery, endpoint, scheduled) = (found.Delivery, found.Endpoint, found.Scheduled);

        if (endpoint.DisabledAt is not null && delivery.EventType != OutboundEventTypes.Test)
        {
            (delivery.Status, delivery.NextAttemptAt, delivery.LastResponse) = (DeliveryStatus.Failed, null, "Not sent: the endpoint is disabled.");
            db.Schedule.Remove(scheduled);
            ChatRelay.Finished(db, delivery, endpoint);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var result = await sender.SendAsync(endpoint, delivery, cancellationToken);
        var now = clock.GetUtcNow();
        metrics.Attempted(endpoint.Format, result.Succeeded, result.Duration);
        db.Attempts.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = delivery.OrganizationId,
            DeliveryId = delivery.Id,
            At = now,
            StatusCode = result.StatusCode,
            DurationMilliseconds = (int)result.Duration.TotalMilliseconds,
            Response = result.Response,
        });
        delivery.Attempts++;
        (delivery.LastAttemptAt, delivery.LastStatusCode, delivery.LastResponse) = (now, result.StatusCode, result.Response);
        if (result.Succeeded)
        {
            (delivery.Status, delivery.NextAttemptAt, endpoint.FailingSince) = (DeliveryStatus.Succeeded, null, null);
            db.Schedule.Remove(scheduled);
        }
        else
        {
            endpoint.FailingSince ??= now;
            var retry = RetrySchedule.After(delivery.Attempts);
            if (result.Gone)
            {
                Disable(db, endpoint, "It answered 410 Gone: the receiver says the address no longer exists.", now);
            }
            else if (now - endpoint.FailingSince >= options.Value.DisableAfter)
            {
                Disable(db, endpoint, $"Every delivery since {endpoint.FailingSince:yyyy-MM-dd HH:mm} UTC failed.", now);
            }

            if (endpoint.DisabledAt is null && retry is { } delay)
            {
                delivery.NextAttemptAt = scheduled.DueAt = now + delay;
            }
            else
            {
                (delivery.Status, delivery.NextAttemptAt) = (DeliveryStatus.Failed, null);
                db.Schedule.Remove(scheduled);
            }
        }

        if (delivery.Status != DeliveryStatus.Pending)
        {
            ChatRelay.Finished(db, delivery, endpoint);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Off, and announced: the organization's owners hear of an endpoint of theirs; a member's own chat stops being offered.</summary>
    private static void Disable(WebhooksDbContext db, WebhookEndpoint endpoint, string reason, DateTimeOffset now)
    {
        (endpoint.DisabledAt, endpoint.DisabledReason) = (now, reason);
        db.AddIntegrationEvent(endpoint.Recipient is { } member
            ? new ChatDisconnected(member, endpoint.Id) { OrganizationId = endpoint.OrganizationId, OccurredAt = now }
            : new WebhookEndpointDisabled(endpoint.Id, endpoint.Url, reason, endpoint.CreatedBy) { OrganizationId = endpoint.OrganizationId, OccurredAt = now });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the outbound dispatcher failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
