using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Email;

namespace Platform.Notifications.Inbox;

/// <summary>
/// Makes a notice into one notification per person (their inbox) and a queued email each, in the event consumer's
/// transaction: the inbox hands each event over once, and a unique index per event, kind and person makes sure of it.
/// Once committed, the email dispatcher is woken and the people's open pages are told.
/// </summary>
public sealed class Notifier(NotificationsDbContext db, TimeProvider clock, AfterCommit afterCommit, EmailSignal email, InboxNotices inbox, NotificationsMetrics metrics)
{
    public async Task TellAsync(IntegrationEvent cause, IEnumerable<Guid> recipients, Notice notice, CancellationToken cancellationToken)
    {
        var told = recipients.Distinct().Where(user => notice.Critical || user.ToString() != notice.Actor).ToList();
        // An event handed over again (by hand, or a replay) tells nobody twice.
        if (told.Count == 0 || await db.Notifications.AnyAsync(n => n.EventId == cause.Id && n.Kind == notice.Kind, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var recipient in told)
        {
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = cause.OrganizationId,
                RecipientId = recipient,
                EventId = cause.Id,
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
            var delivery = new Delivery
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = cause.OrganizationId,
                NotificationId = notification.Id,
                Channel = Channels.Email,
                Status = DeliveryStatus.Queued,
                CreatedAt = now,
                NextAttemptAt = now,
            };
            db.Deliveries.Add(delivery);
            db.Schedule.Add(new DeliverySchedule { DeliveryId = delivery.Id, OrganizationId = cause.OrganizationId, DueAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        afterCommit.Add(email.Wake);
        afterCommit.Add(() => told.ForEach(user => inbox.Tell(cause.OrganizationId, user)));
        afterCommit.Add(() => metrics.Made(notice.Kind, told.Count));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
