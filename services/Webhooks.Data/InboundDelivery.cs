namespace Platform.Webhooks.Data;

/// <summary>
/// A verified delivery of an integration: its sender's delivery id (unique per integration, so a replay is recognised),
/// what it was, what the platform made of it, and the raw payload for a bounded time (for redelivery and debugging).
/// </summary>
public sealed class InboundDelivery
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid IntegrationId { get; set; }

    public required string DeliveryId { get; set; }

    /// <summary>The sender's event name (GitHub's X-GitHub-Event, GitLab's X-Gitlab-Event, the generic payload's type).</summary>
    public required string Event { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The events it became, in words ("pull request acme/api#12 merged: 1 task"), or why it became none.</summary>
    public required string Outcome { get; set; }

    /// <summary>The body as received; dropped (null) once <see cref="KeptUntil"/> has passed.</summary>
    public string? Payload { get; set; }

    public DateTimeOffset KeptUntil { get; set; }
}
