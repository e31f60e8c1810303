using Platform.Notifications.Data;

namespace Platform.Notifications.Inbox;

/// <summary>A notification as its person's inbox shows it, with where each of its channels stands.</summary>
public sealed record InboxItem(
    Guid Id, string Kind, string Title, string Body, string? Link, string? TaskKey, string Actor, bool Critical,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? ArchivedAt, DateTimeOffset? SnoozedUntil, DeliveryView[] Deliveries)
{
    public static InboxItem Of(Notification n, IEnumerable<Delivery> deliveries) => new(
        n.Id, n.Kind, n.Title, n.Body, n.Link, n.TaskKey, n.Actor, n.Critical, n.CreatedAt, n.ReadAt, n.ArchivedAt, n.SnoozedUntil,
        [.. deliveries.Select(DeliveryView.Of)]);
}

/// <summary>One channel's delivery: queued, sent or failed (with why), and how often it was tried.</summary>
public sealed record DeliveryView(Guid Id, string Channel, string? Address, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError)
{
    public static DeliveryView Of(Delivery d) => new(d.Id, d.Channel, d.Address, d.Status, d.Attempts, d.CreatedAt, d.SentAt, d.NextAttemptAt, d.LastError);
}

/// <summary>A page of the inbox, newest first; <see cref="Next"/> asks for the page after it.</summary>
public sealed record InboxPage(InboxItem[] Items, int Unread, Guid? Next);

/// <summary>
/// A change to one notification: read or unread, archived or back, snoozed until a moment (null: wakes it now). Absent
/// fields stay as they are.
/// </summary>
public sealed record InboxChange(bool? Read, bool? Archived, DateTimeOffset? SnoozedUntil, bool Unsnooze = false);
