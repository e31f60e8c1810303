namespace Platform.Notifications.Data;

/// <summary>What the service knows of a task from its events: enough to name it and to know whom it concerns.</summary>
public sealed class FollowedTask
{
    public Guid TaskId { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public required string Key { get; set; }

    public required string Title { get; set; }

    /// <summary>The assignee's user id, as the task's events give it.</summary>
    public string? Assignee { get; set; }

    public DateOnly? DueDate { get; set; }

    /// <summary>Done or cancelled: nothing is due any more.</summary>
    public bool Closed { get; set; }
}

/// <summary>
/// When to remind a task's assignee that its due date is near, across organizations: the periodic scan finds the
/// organizations with reminders due here, then reminds in each. Ids and times only, outside row-level security.
/// </summary>
public sealed class DueReminder
{
    public Guid TaskId { get; set; }

    public Guid OrganizationId { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTimeOffset RemindAt { get; set; }
}

/// <summary>Someone who watches a task (a user's id, or a machine client's, which no channel reaches).</summary>
public sealed class TaskWatcher
{
    public Guid TaskId { get; set; }

    public required string UserId { get; set; }

    public Guid OrganizationId { get; set; }
}

/// <summary>Someone a document mentions now: a new version that mentions them again tells them nothing new.</summary>
public sealed class DocumentMention
{
    public Guid DocumentId { get; set; }

    public Guid UserId { get; set; }

    public Guid OrganizationId { get; set; }
}
