namespace Platform.Analytics.Data;

/// <summary>
/// A task as flow metrics need it: the fields forecasts and risks filter and reason on, and when it was created,
/// first started, finished or cancelled (null again when it is reopened).
/// </summary>
public sealed class FlowTask
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>backlog, todo, inProgress, done or cancelled.</summary>
    public string Category { get; set; } = "";

    public Guid? Assignee { get; set; }

    public string[] Labels { get; set; } = [];

    /// <summary>The parent task's key, for a subtask.</summary>
    public string? Parent { get; set; }

    public double? OptimisticDays { get; set; }

    public double? MostLikelyDays { get; set; }

    public double? PessimisticDays { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When work on it began: it first entered a started category (in progress, or done without passing it).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
}
