namespace Platform.Webhooks.Data;

/// <summary>
/// A code host (or any sender) that posts events to the organization's inbound address, <c>/in/{Id}</c>, signed with
/// <see cref="Secret"/>: the secret is what the sender and the platform share, so it is kept as it is (only this service's
/// login reads it, and only inside its organization).
/// </summary>
public sealed class Integration
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>github, gitlab or generic (Standard Webhooks).</summary>
    public required string Provider { get; set; }

    public required string Name { get; set; }

    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, still accepted until <see cref="PreviousSecretExpiresAt"/>, so senders can be updated.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Deliveries refused for a bad or missing signature, or a stale timestamp: all that is kept of them.</summary>
    public long RejectedCount { get; set; }

    public DateTimeOffset? LastDeliveryAt { get; set; }
}
