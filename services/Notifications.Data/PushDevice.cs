namespace Platform.Notifications.Data;

/// <summary>
/// A browser a person turned push notifications on in: the push service's address for it and the keys its messages are
/// encrypted with (RFC 8291). Removed when the person turns it off or the push service says it is gone.
/// </summary>
public sealed class PushDevice
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The push service's address for this browser (from PushSubscription.endpoint).</summary>
    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key, base64url (keys.p256dh).</summary>
    public required string PublicKey { get; set; }

    /// <summary>The browser's authentication secret, base64url (keys.auth).</summary>
    public required string AuthSecret { get; set; }

    /// <summary>What the person sees in their list of devices (the browser and system, as the web app names it).</summary>
    public required string Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastPushedAt { get; set; }
}
