using Dapr.Client;
using Microsoft.Extensions.Options;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Dapr;
using Platform.EventBus.Outbox;

namespace Platform.EventBus.Tests;

public sealed class DaprPublishingTests
{
    [Fact]
    public async Task Events_are_published_through_daprclient_as_they_are_in_order()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).Build();
        var transport = new DaprEventTransport(dapr, Options.Create(new EventBusOptions { DaprPubSubName = "pubsub" }));
        var organization = Guid.NewGuid();
        var outgoing = Enumerable.Range(0, 3)
            .Select(i => OutboxMessage.For(new NoteWritten(Guid.NewGuid(), $"note {i}") { OrganizationId = organization }))
            .Select(message => new OutgoingEvent(message.Topic, message.EventId, CloudEventJson.Serialize(message, "/notes")))
            .ToList();

        await transport.PublishAsync(outgoing, TestContext.Current.CancellationToken);

        var published = sidecar.Published.ToList();
        Assert.Equal(outgoing.Count, published.Count);
        for (var i = 0; i < outgoing.Count; i++)
        {
            Assert.Equal("pubsub", published[i].PubsubName);
            Assert.Equal("test-notes", published[i].Topic);
            Assert.Equal(CloudEventJson.ContentType, published[i].DataContentType);
            Assert.Equal(outgoing[i].CloudEvent, published[i].Data.ToByteArray());
        }
    }
}
