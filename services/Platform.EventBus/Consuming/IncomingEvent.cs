using Platform.Contracts;
using Platform.EventBus.CloudEvents;

namespace Platform.EventBus.Consuming;

/// <summary>
/// A message as the consumer understood it: an event to handle, an event of a known type this service
/// does not handle (<see cref="Subscription"/> null), or a message to dead-letter (<see cref="Rejection"/> set).
/// </summary>
public sealed record IncomingEvent(CloudEvent? CloudEvent, Subscription? Subscription, IntegrationEvent? Event, string? Rejection)
{
    /// <summary>Events of one subject are handled in order; rejected messages share no order with anything.</summary>
    public string OrderingKey => CloudEvent?.Subject ?? "";

    public static IncomingEvent Rejected(string reason, CloudEvent? cloudEvent = null) => new(cloudEvent, null, null, reason);
}
