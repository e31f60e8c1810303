namespace Platform.Collaboration.Data;

/// <summary>
/// A document edited since its last DocumentChanged event. Edits only touch this row; a background publisher sends
/// one event per quiet spell (debounce). No row-level security: the publisher reads across organizations, and the
/// row holds nothing but ids and times.
/// </summary>
public sealed class PendingDocumentEvent
{
    public Guid DocumentId { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset FirstChangeAt { get; set; }

    public DateTimeOffset LastChangeAt { get; set; }
}
