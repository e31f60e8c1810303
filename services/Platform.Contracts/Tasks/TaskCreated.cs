namespace Platform.Contracts.Tasks;

/// <summary>A task was created in a project, with the text a search index needs (the description is markdown, absent when empty).</summary>
[IntegrationEvent("tasks", "platform.task.created", 1)]
public sealed record TaskCreated(Guid TaskId, Guid ProjectId, string Key, string Title) : TaskEvent(TaskId, ProjectId, Key)
{
    public string? Description { get; init; }
}
