namespace Platform.Notifications.Data;

/// <summary>A notification on its way through one channel (email, push, chat), where it stands, and why it failed if it did.</summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid NotificationId { get; set; }

    /// <summary>email, push or chat.</summary>
    public required string Channel { get; set; }

    /// <summary>Where it went (an email address, or how many browsers took a push), as it was when it was last tried.</summary>
    public string? Address { get; set; }

    /// <summary>queued (an attempt is due), sent, or failed (every retry used).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Held for the person's digest: sent with the others in one mail when their digest is due.</summary>
    public bool Digest { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// When a queued delivery is next due, across organizations: the dispatcher claims due rows here before it enters each
/// delivery's organization. Ids and times only, outside row-level security.
/// </summary>
public sealed class DeliverySchedule
{
    public Guid DeliveryId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The delivery's channel: each channel's dispatcher claims its own.</summary>
    public string Channel { get; set; } = Channels.Email;

    public DateTimeOffset DueAt { get; set; }
}

/// <summary>Where a delivery stands.</summary>
public static class DeliveryStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>The channels a notification is delivered through besides the inbox.</summary>
public static class Channels
{
    public const string Email = "email";
    public const string Push = "push";
    public const string Chat = "chat";

    public static readonly string[] All = [Email, Push, Chat];
}
