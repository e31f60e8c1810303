namespace Platform.Contracts;

/// <summary>
/// An outbound webhook endpoint stopped receiving: it answered 410 Gone, or failed for days. Its creator and the
/// organization's owners are told (the notifications service), so someone fixes the receiver and enables it again.
/// </summary>
[IntegrationEvent("webhooks", "platform.webhook.endpoint-disabled", 1)]
public sealed record WebhookEndpointDisabled(Guid EndpointId, string Url, string Reason, string CreatedBy) : IntegrationEvent
{
    public override string Subject => EndpointId.ToString();
}
