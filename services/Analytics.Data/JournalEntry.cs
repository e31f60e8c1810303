namespace Platform.Analytics.Data;

/// <summary>
/// An event as the service was sent it, kept for good: the flow projection is a function of the journal, so it can be
/// rebuilt (after a change to how it is computed) without asking any other service.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>The order events were handled in; events of one task arrive in the order they happened.</summary>
    public long Sequence { get; set; }

    /// <summary>The event's id: the inbox already keeps a redelivered event out.</summary>
    public Guid EventId { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The event's type, such as <c>platform.task.updated</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The event record as JSON.</summary>
    public string Data { get; set; } = "";
}
