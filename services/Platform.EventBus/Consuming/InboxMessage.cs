namespace Platform.EventBus.Consuming;

/// <summary>An event a consumer has handled; written in the handler's transaction, so a redelivery is recognised.</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; set; }

    public Guid EventId { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}
