namespace Platform.Analytics.Data;

/// <summary>An open task's risk as last assessed: what a new assessment compares with to tell of a change of level.</summary>
public sealed class AssessedRisk
{
    public Guid TaskId { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>low, medium or high (a task without risk has no row).</summary>
    public string Level { get; set; } = "";

    public int Score { get; set; }

    /// <summary>When the score last changed.</summary>
    public DateTimeOffset AssessedAt { get; set; }
}
