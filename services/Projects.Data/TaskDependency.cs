using Platform.Scheduling;

namespace Platform.Projects.Data;

/// <summary>The successor waits on the predecessor as <see cref="Type"/> says, shifted by a lag (negative: a lead).</summary>
public sealed class TaskDependency
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid PredecessorId { get; set; }

    public Guid SuccessorId { get; set; }

    public DependencyType Type { get; set; }

    public double LagDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ProjectTask? Predecessor { get; set; }
}
