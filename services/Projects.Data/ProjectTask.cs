namespace Platform.Projects.Data;

public sealed class ProjectTask
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>Sequential in the project: the task's key is <c>{project key}-{number}</c>.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown.</summary>
    public string Description { get; set; } = "";

    public Guid StateId { get; set; }

    /// <summary>The user the task is assigned to, or nobody.</summary>
    public Guid? AssigneeId { get; set; }

    public TaskPriority Priority { get; set; }

    public List<string> Labels { get; set; } = [];

    /// <summary>The task this one is a subtask of (any project of the organization; never a cycle).</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Three-point estimate in working days (optimistic ≤ most likely ≤ pessimistic), or none.</summary>
    public double? OptimisticDays { get; set; }

    public double? MostLikelyDays { get; set; }

    public double? PessimisticDays { get; set; }

    public double? StoryPoints { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Postgres' row version (xmin): the task's ETag, checked on every update.</summary>
    public uint Version { get; set; }

    public Project? Project { get; set; }

    public WorkflowState? State { get; set; }

    public ProjectTask? Parent { get; set; }
}
