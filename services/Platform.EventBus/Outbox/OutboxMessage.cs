using Platform.Contracts;
using Platform.EventBus.CloudEvents;

namespace Platform.EventBus.Outbox;

/// <summary>
/// An integration event committed with the change that caused it and not yet (or already) handed to
/// the transport. <see cref="Sequence"/> is the commit order the relay publishes in.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    public required string Type { get; set; }

    public int SchemaVersion { get; set; }

    public required string Subject { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The producer's trace context, so the consumer's handling joins the producer's trace.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    /// <summary>The event's own properties as JSON: the CloudEvent's <c>data</c>.</summary>
    public required byte[] Data { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public static OutboxMessage For(IntegrationEvent integrationEvent)
    {
        var type = EventType.Of(integrationEvent.GetType());
        var activity = System.Diagnostics.Activity.Current;
        return new OutboxMessage
        {
            EventId = integrationEvent.Id,
            Topic = type.Topic,
            Type = type.Name,
            SchemaVersion = type.Version,
            Subject = integrationEvent.Subject,
            OrganizationId = integrationEvent.OrganizationId,
            OccurredAt = integrationEvent.OccurredAt,
            TraceParent = activity?.Id,
            TraceState = string.IsNullOrEmpty(activity?.TraceStateString) ? null : activity.TraceStateString,
            Data = CloudEventJson.SerializeData(integrationEvent),
        };
    }
}
