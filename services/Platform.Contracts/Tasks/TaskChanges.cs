using System.Text.Json;

namespace Platform.Contracts.Tasks;

/// <summary>A field's value before and after a change, as the REST API shows it (absent: null).</summary>
public sealed record FieldChange(JsonElement? Old, JsonElement? New);

/// <summary>Fields of a task changed (any of them, the state included); <see cref="Changes"/> is keyed by field name.</summary>
[IntegrationEvent("tasks", "platform.task.updated", 1)]
public sealed record TaskUpdated(Guid TaskId, Guid ProjectId, string Key, IReadOnlyDictionary<string, FieldChange> Changes)
    : TaskEvent(TaskId, ProjectId, Key);

/// <summary>A task moved to another state of its workflow; categories are backlog, todo, inProgress, done, cancelled.</summary>
[IntegrationEvent("tasks", "platform.task.state-changed", 1)]
public sealed record TaskStateChanged(Guid TaskId, Guid ProjectId, string Key, string FromState, string FromCategory, string ToState, string ToCategory)
    : TaskEvent(TaskId, ProjectId, Key);

/// <summary>A task was deleted, with its comments, watchers, history and dependencies.</summary>
[IntegrationEvent("tasks", "platform.task.deleted", 1)]
public sealed record TaskDeleted(Guid TaskId, Guid ProjectId, string Key) : TaskEvent(TaskId, ProjectId, Key);

/// <summary>Someone commented on a task; the body is markdown.</summary>
[IntegrationEvent("tasks", "platform.task.comment-added", 1)]
public sealed record CommentAdded(Guid TaskId, Guid ProjectId, string Key, Guid CommentId, string Body) : TaskEvent(TaskId, ProjectId, Key);
