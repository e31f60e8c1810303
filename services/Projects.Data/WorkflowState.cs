namespace Platform.Projects.Data;

/// <summary>What a state means to the platform, whatever a project calls it.</summary>
public enum StateCategory
{
    Backlog,
    Todo,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>One state of a project's workflow; the project orders its states by <see cref="Position"/>.</summary>
public sealed class WorkflowState
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public required string Name { get; set; }

    public StateCategory Category { get; set; }

    public int Position { get; set; }

    /// <summary>Done and cancelled tasks no longer hold up the tasks that wait on them.</summary>
    public static bool IsFinished(StateCategory category) => category is StateCategory.Done or StateCategory.Cancelled;

    /// <summary>The workflow a new project starts with.</summary>
    public static IEnumerable<(string Name, StateCategory Category)> Defaults =>
    [
        ("Backlog", StateCategory.Backlog),
        ("Todo", StateCategory.Todo),
        ("In Progress", StateCategory.InProgress),
        ("In Review", StateCategory.InProgress),
        ("Done", StateCategory.Done),
        ("Cancelled", StateCategory.Cancelled),
    ];
}
