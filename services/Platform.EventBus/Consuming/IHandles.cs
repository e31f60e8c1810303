using Platform.Contracts;

namespace Platform.EventBus.Consuming;

/// <summary>
/// Handles one event type. It runs in a scope whose tenant is the event's organization and inside a
/// transaction on the service's DbContext that also records the event in the inbox: what the handler
/// saves commits together with "handled", or not at all.
/// </summary>
public interface IHandles<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
