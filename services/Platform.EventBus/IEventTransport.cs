namespace Platform.EventBus;

/// <summary>A CloudEvent ready to leave, already serialized.</summary>
public sealed record OutgoingEvent(string Topic, Guid EventId, byte[] CloudEvent);

/// <summary>Where the outbox relay hands events over (Redis Streams or Dapr pub/sub).</summary>
public interface IEventTransport
{
    /// <summary>Publishes in the given order; returns only once the transport holds every event, throws otherwise.</summary>
    Task PublishAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken);
}
