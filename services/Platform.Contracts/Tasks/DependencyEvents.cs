namespace Platform.Contracts.Tasks;

/// <summary>The successor now waits on the predecessor (type: finish-to-start, start-to-start, finish-to-finish, start-to-finish).</summary>
[IntegrationEvent("tasks", "platform.dependency.added", 1)]
public sealed record DependencyAdded(Guid PredecessorId, Guid SuccessorId, string Predecessor, string Successor, string Type, double LagDays) : IntegrationEvent
{
    public override string Subject => SuccessorId.ToString();
}

/// <summary>The successor no longer waits on the predecessor.</summary>
[IntegrationEvent("tasks", "platform.dependency.removed", 1)]
public sealed record DependencyRemoved(Guid PredecessorId, Guid SuccessorId, string Predecessor, string Successor) : IntegrationEvent
{
    public override string Subject => SuccessorId.ToString();
}
