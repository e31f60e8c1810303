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
/// committed, the dispatchers of the channels it queued for are woken and the people's open pages are told.
/// </summary>
public sealed class Notifier(
    NotificationsDbContext db, PreferenceBook preferences, TimeProvider clock, AfterCommit afterCommit, DeliverySignal signal, InboxNotices inbox, NotificationsMetrics metrics)
{
    /// <summary>
    /// What this scope (one batch of events) learned of people, per organization: their preferences in force and where
    /// they can be reached, read once per person per batch. Preferences and browsers change through the API, in scopes of
    /// their own; a chat connected or disconnected by an event of the batch is forgotten (<see cref="Forget"/>).
    /// </summary>
    private readonly Dictionary<(Guid Organization, Guid User), Recipient> _known = [];

    private sealed record Recipient(Preference Preference, bool Push, bool Chat);

    /// <summary>The channels this scope queued deliveries for: only their dispatchers are woken after the commit.</summary>
    private readonly HashSet<string> _queued = [];

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
        await LearnAsync(organizationId, told, cancellationToken);
        foreach (var recipient in told)
        {
            var (preference, push, chat) = _known[(organizationId, recipient)];
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

            if (push && DeliveryPlan.InstantAt(preference, preference.PushOff, notice.Kind, notice.Critical, now) is { } pushAt)
            {
                Queue(notification, Channels.Push, pushAt);
            }

            if (chat && DeliveryPlan.InstantAt(preference, preference.ChatOff, notice.Kind, notice.Critical, now) is { } chatAt)
            {
                Queue(notification, Channels.Chat, chatAt);
            }
        }

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

    /// <summary>The person's chats changed: read them again when they are next told.</summary>
    public void Forget(Guid organizationId, Guid user) => _known.Remove((organizationId, user));

    /// <summary>
    /// The preferences in force of those of <paramref name="people"/> not known yet, and which of them have a browser with
    /// push turned on or a connected chat (one round trip for both).
    /// </summary>
    private async Task LearnAsync(Guid organizationId, List<Guid> people, CancellationToken cancellationToken)
    {
        var unknown = people.Where(user => !_known.ContainsKey((organizationId, user))).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var chosen = await preferences.InForceAsync(unknown, cancellationToken);
        var reachable = await db.PushDevices.Where(d => unknown.Contains(d.UserId)).Select(d => new { d.UserId, Channel = Channels.Push })
            .Concat(db.Chats.Where(c => unknown.Contains(c.UserId)).Select(c => new { c.UserId, Channel = Channels.Chat }))
            .ToListAsync(cancellationToken);
        foreach (var user in unknown)
        {
            _known[(organizationId, user)] = new Recipient(
                chosen[user], reachable.Exists(r => r.UserId == user && r.Channel == Channels.Push), reachable.Exists(r => r.UserId == user && r.Channel == Channels.Chat));
        }
    }

    /// <summary>A delivery through <paramref name="channel"/>, due at <paramref name="dueAt"/> on the schedule its dispatcher claims from.</summary>
    private void Queue(Notification notification, string channel, DateTimeOffset dueAt)
    {
        var delivery = NewDelivery(notification, channel, dueAt, digest: false);
        db.Deliveries.Add(delivery);
        db.Schedule.Add(new DeliverySchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, Channel = channel, DueAt = dueAt });
        if (_queued.Add(channel))
        {
            afterCommit.Add(() => signal.Wake(channel));
        }
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

    /// <summary>At most <paramref name="max"/> characters, an ellipsis marking a cut.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
