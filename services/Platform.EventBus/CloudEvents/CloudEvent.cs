using System.Text.Json;

namespace Platform.EventBus.CloudEvents;

/// <summary>
/// A CloudEvents 1.0 envelope as it travels (structured JSON mode). Extension attributes carry the
/// tenant (<c>organizationid</c>), the data schema version (<c>schemaversion</c>) and the W3C trace
/// context (<c>traceparent</c>, <c>tracestate</c>, the CloudEvents distributed-tracing extension).
/// </summary>
public sealed record CloudEvent(
    Guid Id,
    string Source,
    string Type,
    DateTimeOffset Time,
    string Subject,
    Guid OrganizationId,
    int SchemaVersion,
    string? TraceParent,
    string? TraceState,
    JsonElement Data);
