namespace Platform.Collaboration.Data;

/// <summary>A document's full text at a version: taken at creation and every N operations, so no read replays much.</summary>
public sealed class DocumentSnapshot
{
    public Guid DocumentId { get; set; }

    public int Version { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Content { get; set; }

    public DateTimeOffset TakenAt { get; set; }
}
