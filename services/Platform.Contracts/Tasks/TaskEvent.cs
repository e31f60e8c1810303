namespace Platform.Contracts.Tasks;

/// <summary>
/// What every event about one task carries: the task, who acted (a user's id, a machine client's id, or
/// <c>rule:{id}</c>), and how many automation rules led to it (0 for a person's change), which lets
/// automation stop loops.
/// </summary>
public abstract record TaskEvent(Guid TaskId, Guid ProjectId, string Key) : IntegrationEvent
{
    public string Actor { get; init; } = "";

    public int AutomationDepth { get; init; }

    /// <summary>
    /// The key of the task's parent when it is a subtask (after the change): what happens to a subtask changes what its
    /// parent's page shows. A change of parent names the old one in its changes.
    /// </summary>
    public string? Parent { get; init; }

    public override string Subject => TaskId.ToString();
}
