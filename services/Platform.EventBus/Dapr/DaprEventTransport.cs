using Dapr.Client;
using Microsoft.Extensions.Options;
using Platform.EventBus.CloudEvents;

namespace Platform.EventBus.Dapr;

/// <summary>
/// Publishes through the Dapr sidecar. The CloudEvent goes as it is (content type
/// <c>application/cloudevents+json</c>), so Dapr keeps our id, type, tenant and trace context.
/// </summary>
public sealed class DaprEventTransport(DaprClient dapr, IOptions<EventBusOptions> options) : IEventTransport
{
    public async Task PublishAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        // One at a time: each is accepted by the broker before the next is sent, which keeps their order.
        foreach (var outgoing in events)
        {
            await dapr.PublishByteEventAsync(options.Value.DaprPubSubName, outgoing.Topic, outgoing.CloudEvent, CloudEventJson.ContentType,
                cancellationToken: cancellationToken);
        }
    }
}
