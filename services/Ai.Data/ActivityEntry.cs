namespace Platform.Ai.Data;

/// <summary>Something that happened to a task or document, as an assistant is told it by get_recent_activity.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>task.created, task.updated, task.moved, task.commented, task.deleted, document.changed, document.deleted.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The task key or the document's id.</summary>
    public string Subject { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Who acted: a user's id, a machine client's id, <c>rule:{id}</c> for automation; empty when the event does not say.</summary>
    public string Actor { get; set; } = "";

    public string Summary { get; set; } = "";
}
