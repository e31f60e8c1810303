namespace Platform.Projects.Data;

public sealed class Project
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>Upper-case prefix of the project's task keys (<c>PLAT</c> in <c>PLAT-12</c>), unique in the organization.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The number the next task gets; only ever grows, so a key is never reused.</summary>
    public int NextTaskNumber { get; set; } = 1;

    /// <summary>An archived project is read-only.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The first working day of the schedule; the critical path counts from here.</summary>
    public DateOnly? StartDate { get; set; }

    public static readonly DayOfWeek[] DefaultWorkingDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The days of the week people work on the project (Monday to Friday unless changed).</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [.. DefaultWorkingDays];

    /// <summary>Days off that would otherwise be working days.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>The state a task moves to when a pull request naming it opens (null: it stays where it is).</summary>
    public string? PullRequestOpenedState { get; set; }

    /// <summary>The state a task moves to when a pull request (or a default-branch commit) that fixes it lands (null: it stays).</summary>
    public string? PullRequestMergedState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Postgres' row version (xmin): the project's ETag.</summary>
    public uint Version { get; set; }
}
