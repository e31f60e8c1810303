namespace Platform.Projects.Data;

/// <summary>
/// One change of a task: who made it, when, and each field's old and new value
/// (<c>{"title": {"old": "A", "new": "B"}}</c>). Undoing the entries after a moment gives the task as it was then.
/// </summary>
public sealed class TaskHistoryEntry
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid TaskId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The user's id, a machine client's id, or <c>rule:{id}</c> for an automation rule.</summary>
    public required string ChangedBy { get; set; }

    /// <summary>JSON object of field name to <c>{"old", "new"}</c>; a creation has only new values.</summary>
    public required string Changes { get; set; }
}
