using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Deliveries;
using Platform.Notifications.Preferences;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Inbox;

/// <summary>
/// Makes a notice into one notification per person (their inbox, in their language) and, as each person's preferences plan it, an email
/// (due at once, after quiet hours, or held for their digest), a push to their browsers and a post to their chats (at once
/// or after quiet hours), in the caller's transaction (the event consumer's, or
/// a scan's), saved with the caller's other writes (the event dispatcher saves them, with the batch for the notices'
/// append-only handlers): a cause tells each person of each kind once, which a unique index makes sure of. Once
/// committed, the channels' dispatchers are woken and the people's open pages are told.
/// </summary>
public sealed class Notifier(
    NotificationsDbContext db, PreferenceBook preferences, TimeProvider clock, AfterCommit afterCommit, DeliverySignal signal, InboxNotices inbox, NotificationsMetrics metrics)
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
        var reachable = await ReachableAsync(told, cancellationToken);
        foreach (var recipient in told)
        {
            var preference = chosen[recipient];
            var (title, body) = NoticeTexts.Render(notice.Template, preference.Language, notice.Values);
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                RecipientId = recipient,
                EventId = causeId,
                Kind = notice.Kind,
                Title = Shorten(title, 300),
                Body = Shorten(body, 4000),
                Language = preference.Language,
                Link = notice.Link,
                TaskKey = notice.TaskKey,
                Actor = notice.Actor,
                Critical = notice.Critical,
                CreatedAt = now,
            };
            db.Notifications.Add(notification);
            var plan = DeliveryPlan.For(preference, notice.Kind, notice.Critical, now);
            if (plan.Email)
            {
                await QueueEmailAsync(notification, plan, cancellationToken);
            }

            if (reachable.Contains((recipient, Channels.Push)) && DeliveryPlan.InstantAt(preference, preference.PushOff, notice.Kind, notice.Critical, now) is { } pushAt)
            {
                Queue(notification, Channels.Push, pushAt);
            }

            if (reachable.Contains((recipient, Channels.Chat)) && DeliveryPlan.InstantAt(preference, preference.ChatOff, notice.Kind, notice.Critical, now) is { } chatAt)
            {
                Queue(notification, Channels.Chat, chatAt);
            }
        }

        afterCommit.Add(() => Array.ForEach(Channels.All, signal.Wake));
        afterCommit.Add(() => told.ForEach(user => inbox.Tell(organizationId, user)));
        afterCommit.Add(() => metrics.Made(notice.Kind, told.Count));
    }

    /// <summary>A mail due when the plan says; one held for a digest waits for the person's next digest instead of its own turn.</summary>
    private async Task QueueEmailAsync(Notification notification, DeliveryPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Digest)
        {
            Queue(notification, Channels.Email, plan.DueAt);
            return;
        }

        db.Deliveries.Add(NewDelivery(notification, Channels.Email, plan.DueAt, digest: true));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_schedule (organization_id, user_id, due_at) VALUES ({notification.OrganizationId}, {notification.RecipientId}, {plan.DueAt})
            ON CONFLICT (organization_id, user_id) DO UPDATE SET due_at = LEAST(digest_schedule.due_at, EXCLUDED.due_at)
            """, cancellationToken);
    }

    /// <summary>Which of <paramref name="people"/> have a browser with push turned on, and which a connected chat: one round trip.</summary>
    private async Task<HashSet<(Guid User, string Channel)>> ReachableAsync(List<Guid> people, CancellationToken cancellationToken)
    {
        var found = await db.PushDevices.Where(d => people.Contains(d.UserId)).Select(d => new { d.UserId, Channel = Channels.Push })
            .Concat(db.Chats.Where(c => people.Contains(c.UserId)).Select(c => new { c.UserId, Channel = Channels.Chat }))
            .ToListAsync(cancellationToken);
        return [.. found.Select(f => (f.UserId, f.Channel))];
    }

    /// <summary>A delivery through <paramref name="channel"/>, due at <paramref name="dueAt"/> on the schedule its dispatcher claims from.</summary>
    private void Queue(Notification notification, string channel, DateTimeOffset dueAt)
    {
        var delivery = NewDelivery(notification, channel, dueAt, digest: false);
        db.Deliveries.Add(delivery);
        db.Schedule.Add(new DeliverySchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, Channel = channel, DueAt = dueAt });
    }

    private static Delivery NewDelivery(Notification notification, string channel, DateTimeOffset dueAt, bool digest) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = notification.OrganizationId,
        NotificationId = notification.Id,
        Channel = channel,
        Status = DeliveryStatus.Queued,
        CreatedAt = notification.CreatedAt,
        NextAttemptAt = dueAt,
        Digest = digest,
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
