namespace Platform.Contracts.Tasks;

/// <summary>
/// Someone started watching a task (its creator, assignee and commenters do by themselves): watchers hear of its
/// changes and comments. <see cref="UserId"/> is a user's id, or a machine client's.
/// </summary>
[IntegrationEvent("tasks", "platform.task.watcher-added", 1)]
public sealed record WatcherAdded(Guid TaskId, Guid ProjectId, string Key, string UserId) : TaskEvent(TaskId, ProjectId, Key);

/// <summary>Someone stopped watching a task.</summary>
[IntegrationEvent("tasks", "platform.task.watcher-removed", 1)]
public sealed record WatcherRemoved(Guid TaskId, Guid ProjectId, string Key, string UserId) : TaskEvent(TaskId, ProjectId, Key);
