using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.EventBus.Consuming;
using Platform.Webhooks.Data;
using Platform.Webhooks.Outbound;

namespace Platform.Webhooks.Chat;

/// <summary>
/// Posts notifications to their recipients' own chats: each request becomes one delivery per connected chat, sent by
/// the outbound dispatcher like any webhook (safe addresses, retries, the delivery log), and each delivery's end is
/// told back to the notifications service, which keeps the notification's state in the chat channel.
/// </summary>
public sealed class ChatRelay(WebhooksDbContext db, TimeProvider clock, AfterCommit afterCommit, OutboundSignal signal) : IHandles<NotificationChatRequested>
{
    public async Task HandleAsync(NotificationChatRequested requested, CancellationToken cancellationToken)
    {
        var chats = await db.Endpoints.AsNoTracking()
            .Where(e => e.Recipient == requested.RecipientId && e.DisabledAt == null).ToListAsync(cancellationToken);
        if (chats.Count == 0)
        {
            db.AddIntegrationEvent(new NotificationChatDelivered(requested.NotificationId, false, "Not posted: no chat is connected any more.")
                { OrganizationId = requested.OrganizationId });
        }

        var now = clock.GetUtcNow();
        foreach (var chat in chats)
        {
            var delivery = new OutboundDelivery
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = chat.OrganizationId,
                EndpointId = chat.Id,
                // The notification's id: a delivery's end names it back.
                EventId = requested.NotificationId,
                EventType = OutboundEventTypes.Notification,
                Payload = OutboundMessages.Notification(chat.Format, requested.Kind, requested.Title, requested.Body, requested.Url),
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
            };
            db.OutboundDeliveries.Add(delivery);
            db.Schedule.Add(new OutboundSchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, DueAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        afterCommit.Add(signal.Wake);
    }

    /// <summary>A notification's delivery to a chat ended (posted, or failed for good): told back, in the same commit.</summary>
    public static void Finished(WebhooksDbContext db, OutboundDelivery delivery, WebhookEndpoint chat)
    {
        if (delivery.EventType != OutboundEventTypes.Notification)
        {
            return;
        }

        var sent = delivery.Status == DeliveryStatus.Succeeded;
        db.AddIntegrationEvent(new NotificationChatDelivered(
            delivery.EventId, sent, sent ? null : $"{(chat.Format == OutboundMessages.Teams ? "Teams" : "Slack")} did not take it: {delivery.LastResponse ?? "the chat is disabled"}")
            { OrganizationId = delivery.OrganizationId });
    }
}
