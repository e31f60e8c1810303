using Platform.Contracts;

namespace Platform.Webhooks.Outbound;

/// <summary>What "send a test" sends an endpoint (never on the event bus): proof that the address and the secret work.</summary>
public sealed record TestMessage(Guid EndpointId, string Message) : IntegrationEvent
{
    public override string Subject => EndpointId.ToString();
}
