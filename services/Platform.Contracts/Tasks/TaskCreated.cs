namespace Platform.Contracts.Tasks;

/// <summary>A task was created in a project.</summary>
[IntegrationEvent("tasks", "platform.task.created", 1)]
public sealed record TaskCreated(Guid TaskId, Guid ProjectId, string Key, string Title) : TaskEvent(TaskId, ProjectId, Key);
