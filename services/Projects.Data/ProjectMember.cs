namespace Platform.Projects.Data;

public enum MemberRole
{
    Member,

    /// <summary>Leads the project; the project's creator starts as its lead.</summary>
    Lead,
}

/// <summary>A user who works on the project; assigning a task to someone makes them a member.</summary>
public sealed class ProjectMember
{
    public Guid ProjectId { get; set; }

    public Guid UserId { get; set; }

    public Guid OrganizationId { get; set; }

    public MemberRole Role { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
