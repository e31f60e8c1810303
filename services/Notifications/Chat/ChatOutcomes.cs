using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;

namespace Platform.Notifications.Chat;

/// <summary>
/// What the integrations service says became of a notification posted to chat: sent once any of the person's chats took
/// it (a later failure of another chat does not undo that), failed with the reason otherwise.
/// </summary>
public sealed class ChatOutcomes(NotificationsDbContext db, TimeProvider clock, NotificationsMetrics metrics) : IHandles<NotificationChatDelivered>
{
    public async Task HandleAsync(NotificationChatDelivered delivered, CancellationToken cancellationToken)
    {
        var found = await (
            from d in db.Deliveries
            join n in db.Notifications on d.NotificationId equals n.Id
            where d.NotificationId == delivered.NotificationId && d.Channel == Channels.Chat
            select new { Delivery = d, n.CreatedAt }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Delivery.Status == DeliveryStatus.Sent)
        {
            return;
        }

        var (delivery, now) = (found.Delivery, clock.GetUtcNow());
        metrics.Attempted(Channels.Chat, delivered.Sent);
        if (delivered.Sent)
        {
            (delivery.Status, delivery.SentAt, delivery.LastError, delivery.Address) = (DeliveryStatus.Sent, now, null, "Posted by the integrations service");
            metrics.Delivered(Channels.Chat, now - found.CreatedAt);
        }
        else
        {
            (delivery.Status, delivery.LastError) = (DeliveryStatus.Failed, delivered.Error);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
