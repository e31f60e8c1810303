using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.Inbox;

/// <summary>
/// One person's notifications: the views (the inbox: neither archived nor snoozed; unread; snoozed; archived), the
/// unread count, and marking read, archiving and snoozing. Nobody reads or changes another's.
/// </summary>
public sealed class PersonalInbox(NotificationsDbContext db, TimeProvider clock, InboxNotices notices)
{
    public const int MaxPage = 100;

    public static readonly string[] Views = ["inbox", "unread", "snoozed", "archived"];

    public async Task<InboxPage> PageAsync(Guid userId, string view, Guid? before, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        var shown = view switch
        {
            "unread" => InInbox(mine, now).Where(n => n.ReadAt == null),
            "snoozed" => mine.Where(n => n.ArchivedAt == null && n.SnoozedUntil > now),
            "archived" => mine.Where(n => n.ArchivedAt != null),
            _ => InInbox(mine, now),
        };
        if (before is { } cursor)
        {
            shown = shown.Where(n => n.Id.CompareTo(cursor) < 0);
        }

        var page = await shown.OrderByDescending(n => n.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > limit;
        page = page.Take(limit).ToList();
        var ids = page.ConvertAll(n => n.Id);
        var deliveries = (await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.NotificationId)).ToListAsync(cancellationToken)).ToLookup(d => d.NotificationId);
        return new InboxPage([.. page.Select(n => InboxItem.Of(n, deliveries[n.Id]))], await UnreadAsync(userId, cancellationToken), more ? page[^1].Id : null);
    }

    public Task<int> UnreadAsync(Guid userId, CancellationToken cancellationToken) =>
        InInbox(db.Notifications.Where(n => n.RecipientId == userId), clock.GetUtcNow()).CountAsync(n => n.ReadAt == null, cancellationToken);

    public async Task<InboxItem?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.RecipientId == userId, cancellationToken);
        return notification is null
            ? null
            : InboxItem.Of(notification, await db.Deliveries.AsNoTracking().Where(d => d.NotificationId == id).ToListAsync(cancellationToken));
    }

    /// <summary>Applies the change; null when the person has no such notification.</summary>
    public async Task<InboxItem?> ChangeAsync(Guid organizationId, Guid userId, Guid id, InboxChange change, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.RecipientId == userId, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        notification.ReadAt = change.Read switch { true => notification.ReadAt ?? now, false => null, null => notification.ReadAt };
        notification.ArchivedAt = change.Archived switch { true => notification.ArchivedAt ?? now, false => null, null => notification.ArchivedAt };
        notification.SnoozedUntil = change.Unsnooze ? null : change.SnoozedUntil ?? notification.SnoozedUntil;
        await db.SaveChangesAsync(cancellationToken);
        notices.Tell(organizationId, userId);
        return await FindAsync(userId, id, cancellationToken);
    }

    /// <summary>Marks everything in the inbox read; returns how many were unread.</summary>
    public async Task<int> ReadAllAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var read = await InInbox(db.Notifications.Where(n => n.RecipientId == userId), now).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
        notices.Tell(organizationId, userId);
        return read;
    }

    private static IQueryable<Notification> InInbox(IQueryable<Notification> notifications, DateTimeOffset now) =>
        notifications.Where(n => n.ArchivedAt == null && (n.SnoozedUntil == null || n.SnoozedUntil <= now));
}
