using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;

namespace Platform.Notifications.Chat;

/// <summary>Whose notifications can go to a chat, as the integrations service announces people's connected chats.</summary>
public sealed class ChatDirectory(NotificationsDbContext db, Notifier notifier) : IHandles<ChatConnected>, IHandles<ChatDisconnected>
{
    public async Task HandleAsync(ChatConnected connected, CancellationToken cancellationToken)
    {
        if (await db.Chats.FindAsync([connected.OrganizationId, connected.ChatId], cancellationToken) is null)
        {
            db.Chats.Add(new ConnectedChat { OrganizationId = connected.OrganizationId, ChatId = connected.ChatId, UserId = connected.UserId, Format = connected.Format });
            await db.SaveChangesAsync(cancellationToken);
        }

        notifier.Forget(connected.OrganizationId, connected.UserId);
    }

    public async Task HandleAsync(ChatDisconnected disconnected, CancellationToken cancellationToken)
    {
        await db.Chats.Where(c => c.ChatId == disconnected.ChatId && c.UserId == disconnected.UserId).ExecuteDeleteAsync(cancellationToken);
        notifier.Forget(disconnected.OrganizationId, disconnected.UserId);
    }
}
