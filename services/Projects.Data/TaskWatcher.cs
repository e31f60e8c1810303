namespace Platform.Projects.Data;

/// <summary>A user who hears about the task's changes; creators and assignees start watching on their own.</summary>
public sealed class TaskWatcher
{
    public Guid TaskId { get; set; }

    public required string UserId { get; set; }

    public Guid OrganizationId { get; set; }
}
