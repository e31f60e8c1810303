using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.Deliveries;

/// <summary>An attempt's outcome: sent, or not with the reason, and whether trying again could help.</summary>
public sealed record AttemptOutcome(bool Sent, bool Permanent, string? Error)
{
    public static readonly AttemptOutcome Success = new(true, false, null);
}

/// <summary>
/// What a channel's dispatcher shares with the others: claiming due deliveries of its channel for a lease (replicas
/// never attempt the same one at once; one claimed by a replica that died is attempted when its lease ends), and
/// recording an attempt's outcome: sent, tried again later (<see cref="DeliveryRetries"/>), or failed with the reason.
/// </summary>
public static class DueDeliveries
{
    /// <summary>How long claimed deliveries are kept from other replicas: longer than a batch may take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public sealed record Claim(Guid DeliveryId, Guid OrganizationId);

    public static Task<List<Claim>> ClaimAsync(NotificationsDbContext db, string channel, DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Claim>($"""
            UPDATE delivery_schedule s SET due_at = {now + Lease}
            WHERE s.delivery_id IN (
                SELECT delivery_id FROM delivery_schedule WHERE channel = {channel} AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED)
            RETURNING s.delivery_id, s.organization_id
            """).ToListAsync(cancellationToken);

    /// <summary>The outcome on each delivery of one attempt; the schedule's row (if any) is moved to the retry or removed.</summary>
    public static void Record(
        NotificationsDbContext db, List<Delivery> deliveries, AttemptOutcome outcome, DateTimeOffset madeAt, DeliverySchedule? scheduled,
        DateTimeOffset now, NotificationsMetrics metrics)
    {
        var channel = deliveries[0].Channel;
        metrics.Attempted(channel, outcome.Sent);
        foreach (var delivery in deliveries)
        {
            delivery.Attempts++;
            var retry = outcome is { Sent: false, Permanent: false } ? DeliveryRetries.After(delivery.Attempts) : null;
            (delivery.Status, delivery.SentAt, delivery.NextAttemptAt, delivery.LastError) = outcome.Sent
                ? (DeliveryStatus.Sent, now, null, null)
                : retry is { } delay
                    ? (DeliveryStatus.Queued, (DateTimeOffset?)null, (DateTimeOffset?)(now + delay), outcome.Error)
                    : (DeliveryStatus.Failed, null, null, outcome.Error);
        }

        if (outcome.Sent)
        {
            metrics.Delivered(channel, now - madeAt);
        }

        if (scheduled is not null)
        {
            if (deliveries[0].Status == DeliveryStatus.Queued)
            {
                scheduled.DueAt = deliveries[0].NextAttemptAt!.Value;
            }
            else
            {
                db.Schedule.Remove(scheduled);
            }
        }
    }
}
