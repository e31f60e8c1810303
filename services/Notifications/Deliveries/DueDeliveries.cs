using Microsoft.EntityFrameworkCore;
using Platform.Data;
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

    /// <summary>A claimed delivery with its notification and its place on the schedule (its scope's context tracks them).</summary>
    public sealed record Due(Delivery Delivery, Notification Notification, DeliverySchedule Scheduled);

    /// <summary>
    /// One pass of a channel that attempts each delivery on its own: claims a batch of the channel's due deliveries and
    /// hands each to <paramref name="attempt"/> inside its organization, with a scope of its own; how many it claimed.
    /// </summary>
    public static async Task<int> AttemptEachAsync(
        IServiceScopeFactory scopes, TenantContext tenant, string channel, DateTimeOffset now, int batchSize,
        Func<NotificationsDbContext, Due, CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        List<Claim> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await ClaimAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), channel, now, batchSize, cancellationToken);
        }

        foreach (var claim in claimed)
        {
            using (tenant.Enter(claim.OrganizationId))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                var due = await (
                    from d in db.Deliveries
                    join n in db.Notifications on d.NotificationId equals n.Id
                    join s in db.Schedule on d.Id equals s.DeliveryId
                    where d.Id == claim.DeliveryId
                    select new Due(d, n, s)).SingleOrDefaultAsync(cancellationToken);
                if (due is not { Delivery.Status: DeliveryStatus.Queued })
                {
                    // Gone with its notification, or settled meanwhile: off the schedule.
                    await db.Schedule.Where(s => s.DeliveryId == claim.DeliveryId).ExecuteDeleteAsync(cancellationToken);
                    continue;
                }

                await attempt(db, due, cancellationToken);
            }
        }

        return claimed.Count;
    }

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
