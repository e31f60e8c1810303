namespace Platform.Contracts;

/// <summary>
/// A member connected a chat of their own (a Slack or Microsoft Teams incoming webhook) in the integrations service:
/// from now on their notifications can reach it.
/// </summary>
[IntegrationEvent("members", "platform.member.chat-connected", 1)]
public sealed record ChatConnected(Guid UserId, Guid ChatId, string Format) : IntegrationEvent
{
    public override string Subject => UserId.ToString();
}

/// <summary>A member's chat is gone: they disconnected it, or the integrations service disabled it (it kept failing, or answered 410).</summary>
[IntegrationEvent("members", "platform.member.chat-disconnected", 1)]
public sealed record ChatDisconnected(Guid UserId, Guid ChatId) : IntegrationEvent
{
    public override string Subject => UserId.ToString();
}

/// <summary>
/// The notifications service asks the integrations service to post a notification, already in its recipient's words,
/// to the recipient's connected chats. <see cref="Url"/> opens it in the web app.
/// </summary>
[IntegrationEvent("notifications", "platform.notification.chat-requested", 1)]
public sealed record NotificationChatRequested(Guid NotificationId, Guid RecipientId, string Kind, string Title, string Body, string? Url) : IntegrationEvent
{
    public override string Subject => NotificationId.ToString();
}

/// <summary>What became of a <see cref="NotificationChatRequested"/>: posted to at least one chat, or not, with why.</summary>
[IntegrationEvent("notifications", "platform.notification.chat-delivered", 1)]
public sealed record NotificationChatDelivered(Guid NotificationId, bool Sent, string? Error) : IntegrationEvent
{
    public override string Subject => NotificationId.ToString();
}
