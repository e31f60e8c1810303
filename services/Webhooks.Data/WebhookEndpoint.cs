namespace Platform.Webhooks.Data;

/// <summary>
/// An address the organization's events are sent to: as Standard Webhooks (signed with <see cref="Secret"/>), or as
/// Slack or Microsoft Teams messages (whose incoming-webhook address is itself the secret).
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Url { get; set; }

    public string Description { get; set; } = "";

    /// <summary>standard, slack or teams.</summary>
    public required string Format { get; set; }

    /// <summary>The event types sent (task.created, task.state-changed, ...).</summary>
    public List<string> EventTypes { get; set; } = [];

    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation: messages are signed with both until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Set when the endpoint stopped receiving: by its owner, by a 410 Gone, or after failing for days.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>The first failure since the last success: an endpoint failing for <c>OutboundDispatcher.DisableAfter</c> is disabled.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>
    /// A member's own chat (a Slack or Teams incoming webhook they connected): it receives only their notifications, and
    /// is neither listed nor managed with the organization's endpoints.
    /// </summary>
    public Guid? Recipient { get; set; }
}
