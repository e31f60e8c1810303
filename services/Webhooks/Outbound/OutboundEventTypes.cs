using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;

namespace Platform.Webhooks.Outbound;

/// <summary>
/// The platform's events an endpoint can subscribe to, named as on the event bus without the <c>platform.</c> prefix
/// (<c>task.created</c>, <c>task.state-changed</c>, <c>document.changed</c>, <c>risk.changed</c>, ...).
/// </summary>
public static class OutboundEventTypes
{
    public static readonly string[] All =
    [
        Name<TaskCreated>(), Name<TaskUpdated>(), Name<TaskStateChanged>(), Name<TaskDeleted>(), Name<CommentAdded>(), Name<TaskCodeChanged>(),
        Name<DependencyAdded>(), Name<DependencyRemoved>(), Name<DocumentChanged>(), Name<RiskChanged>(),
    ];

    /// <summary>What the "send a test" button sends; it needs no subscription.</summary>
    public const string Test = "webhook.test";

    /// <summary>A notification posted to a member's own chat (<see cref="Chat.ChatRelay"/>); only personal chats receive it.</summary>
    public const string Notification = "notification";

    public static string Name<TEvent>() where TEvent : IntegrationEvent => Of(EventType.Of<TEvent>().Name);

    public static string Of(string busType) => busType.StartsWith("platform.", StringComparison.Ordinal) ? busType["platform.".Length..] : busType;
}
