using System.Text.Json;

namespace Platform.Contracts.Tasks;

/// <summary>A task was created in a project, with the text a search index needs (the description is markdown, absent when empty).</summary>
[IntegrationEvent("tasks", "platform.task.created", 1)]
public sealed record TaskCreated(Guid TaskId, Guid ProjectId, string Key, string Title) : TaskEvent(TaskId, ProjectId, Key)
{
    public string? Description { get; init; }

    /// <summary>
    /// The task's other fields as the REST API shows them, keyed like <see cref="TaskUpdated.Changes"/> (state,
    /// stateCategory, assignee, labels, parent, the three-point estimates, dates…; absent when not set): with the
    /// updates that follow, a consumer knows the task at every moment without asking the projects service.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Fields { get; init; } = new Dictionary<string, JsonElement>();
}
