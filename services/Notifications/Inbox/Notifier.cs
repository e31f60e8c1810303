using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Email;
using Platform.Notifications.Preferences;

namespace Platform.Notifications.Inbox;

/// <summary>
/// Makes a notice into one notification per person (their inbox) and, as each person's preferences plan it, an email
/// (due at once, after quiet hours, or held for their digest), in the caller's transaction (the event consumer's, or
/// a scan's), saved with the caller's other writes (the event dispatcher saves them, with the batch for the notices'
/// append-only handlers): a cause tells each person of each kind once, which a unique index makes sure of. Once
/// committed, the email dispatcher is woken and the people's open pages are told.
/// </summary>
public sealed class Notifier(
    NotificationsDbContext db, PreferenceBook preferences, TimeProvider clock, AfterCommit afterCommit, EmailSignal email, InboxNotices inbox, NotificationsMetrics metrics)
{
    public Task TellAsync(IntegrationEvent cause, IEnumerable<Guid> recipients, Notice notice, CancellationToken cancellationToken) =>
        TellAsync(cause.OrganizationId, cause.Id, recipients, notice, cancellationToken);

    /// <param name="causeId">What caused it (an event's id): a cause tells each person of each kind once.</param>
    public async Task TellAsync(Guid organizationId, Guid causeId, IEnumerable<Guid> recipients, Notice notice, CancellationToken cancellationToken)
    {
        var told = recipients.Distinct().Where(user => notice.Critical || user.ToString() != notice.Actor).ToList();
        // An event handed over again (by hand, or a replay) tells nobody twice.
        if (told.Count == 0 || await db.Notifications.AnyAsync(n => n.EventId == causeId && n.Kind == notice.Kind, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var chosen = await preferences.InForceAsync(told, cancellationToken);
        foreach (var recipient in told)
        {
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                RecipientId = recipient,
                EventId = causeId,
                Kind = notice.Kind,
                Title = Shorten(notice.Title, 300),
                Body = Shorten(notice.Body, 4000),
                Link = notice.Link,
                TaskKey = notice.TaskKey,
                Actor = notice.Actor,
                Critical = notice.Critical,
                CreatedAt = now,
            };
            db.Notifications.Add(notification);
            var plan = DeliveryPlan.For(chosen[recipient], notice.Kind, notice.Critical, now);
            if (plan.Email)
            {
                await QueueEmailAsync(notification, plan, cancellationToken);
            }
        }

        afterCommit.Add(email.Wake);
        afterCommit.Add(() => told.ForEach(user => inbox.Tell(organizationId, user)));
        afterCommit.Add(() => metrics.Made(notice.Kind, told.Count));
    }

    /// <summary>A mail due when the plan says; one held for a digest waits for the person's next digest instead of its own turn.</summary>
    private async Task QueueEmailAsync(Notification notification, DeliveryPlan plan, CancellationToken cancellationToken)
    {
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = notification.OrganizationId,
            NotificationId = notification.Id,
            Channel = Channels.Email,
            Status = DeliveryStatus.Queued,
            CreatedAt = notification.CreatedAt,
            NextAttemptAt = plan.DueAt,
            Digest = plan.Digest,
        };
        db.Deliveries.Add(delivery);
        if (!plan.Digest)
        {
            db.Schedule.Add(new DeliverySchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, DueAt = plan.DueAt });
            return;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_schedule (organization_id, user_id, due_at) VALUES ({notification.OrganizationId}, {notification.RecipientId}, {plan.DueAt})
            ON CONFLICT (organization_id, user_id) DO UPDATE SET due_at = LEAST(digest_schedule.due_at, EXCLUDED.due_at)
            """, cancellationToken);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
