namespace Platform.Notifications.Data;

/// <summary>
/// One thing one person is told, as their inbox shows it; its deliveries carry it to the other channels. Made once per
/// event, kind and person, however often the event is handed over.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid RecipientId { get; set; }

    /// <summary>The event that caused it.</summary>
    public Guid EventId { get; set; }

    /// <summary>What happened, from the recipient's side: assigned, mentioned, comment, state, risk, rule, merged, endpoint-disabled, token-created, owner-added.</summary>
    public required string Kind { get; set; }

    /// <summary>One line: the inbox's line and the email's subject.</summary>
    public required string Title { get; set; }

    /// <summary>Plain text; channels that render markup escape it.</summary>
    public required string Body { get; set; }

    /// <summary>The web app's page it is about, relative to the app (<c>tasks/PLAT-3</c>), or none.</summary>
    public string? Link { get; set; }

    /// <summary>The task's key when it is about a task.</summary>
    public string? TaskKey { get; set; }

    /// <summary>Who acted (a user's id, a machine client's, <c>rule:…</c>, <c>integration:…</c>), or empty.</summary>
    public required string Actor { get; set; }

    /// <summary>The language it was written in (the recipient's when it was made): the mail around it speaks it too.</summary>
    public string Language { get; set; } = "en";

    /// <summary>A security notice: sent whatever the person chose to hear.</summary>
    public bool Critical { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Out of the inbox until then.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }
}
