namespace Platform.Projects.Data;

public sealed class ProjectTask
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>Sequential in the project: the task's key is <c>{project key}-{number}</c>.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Three-point estimate in working days (optimistic ≤ most likely ≤ pessimistic), or none.</summary>
    public double? OptimisticDays { get; set; }

    public double? MostLikelyDays { get; set; }

    public double? PessimisticDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Project? Project { get; set; }
}
