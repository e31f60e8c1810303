namespace Platform.Collaboration.Data;

public enum DocumentType
{
    DesignDoc,
    Requirements,
    Architecture,
    Notes,
}

/// <summary>A text document (markdown) of a project. Its text lives in snapshots and the operation log.</summary>
public sealed class Document
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The project's key when the document was made (for display and filtering by key).</summary>
    public required string ProjectKey { get; set; }

    public required string Title { get; set; }

    public DocumentType Type { get; set; }

    /// <summary>The last committed operation's version; 0 for a new document.</summary>
    public int Version { get; set; }

    /// <summary>Length in code points at <see cref="Version"/>.</summary>
    public int Length { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
