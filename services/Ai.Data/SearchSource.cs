namespace Platform.Ai.Data;

/// <summary>
/// The indexed text of one task, comment or document, as the last event told it; kept so a change of one field
/// (a task's title) can re-chunk the whole. A comment belongs to its task: it is found as that task.
/// </summary>
public sealed class SearchSource
{
    /// <summary>The task's, comment's, document's or attached file's id.</summary>
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public SourceKind Kind { get; set; }

    /// <summary>What a search hit names: the task (for a task or its comment) or the document.</summary>
    public Guid ResultId { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>When the event that last changed this source happened: an older event arriving later is ignored.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The task or document was deleted; the row stays so that no late event indexes it again.</summary>
    public bool Deleted { get; set; }

    /// <summary>The task key (PLAT-12) or the document's id: what the tools and resource URIs take.</summary>
    public string ResultKey { get; set; } = "";
}

public enum SourceKind
{
    Task,
    Comment,
    Document,

    /// <summary>The text inside a file attached to a task or a document (found as that task or document).</summary>
    Attachment,
}
