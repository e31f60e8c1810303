namespace Platform.Webhooks.Data;

/// <summary>
/// One event on its way to one endpoint: the message (its id is the Standard Webhooks <c>webhook-id</c>, the same on
/// every attempt, so receivers can drop repeats), where it stands, and the last answer it got.
/// </summary>
public sealed class OutboundDelivery
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid EndpointId { get; set; }

    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The body as sent (already in the endpoint's format).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>pending (an attempt is due), succeeded, or failed (every retry used, or the endpoint gone).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    /// <summary>The start of the last answer's body, or why there was none (a timeout, a refused address).</summary>
    public string? LastResponse { get; set; }
}

/// <summary>One try of a delivery, for its log.</summary>
public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    public int DurationMilliseconds { get; set; }

    public string? Response { get; set; }
}

/// <summary>
/// When a pending delivery is next due, across organizations: the dispatcher claims due rows here before it enters
/// each delivery's organization. Ids and times only, outside row-level security.
/// </summary>
public sealed class OutboundSchedule
{
    public Guid DeliveryId { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
