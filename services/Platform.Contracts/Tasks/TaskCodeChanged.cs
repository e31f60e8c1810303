namespace Platform.Contracts.Tasks;

/// <summary>
/// A pull request, commit or check that names the task was linked to it, or changed (a pull request's state, a check's
/// outcome), as its code host told: <see cref="Kind"/> is pullRequest, commit or check; <see cref="State"/> a pull
/// request's draft, open, closed or merged; when a check changed, <see cref="CheckName"/> names it and
/// <see cref="CheckOutcome"/> is its conclusion (or its status while it runs).
/// </summary>
[IntegrationEvent("tasks", "platform.task.code-changed", 1)]
public sealed record TaskCodeChanged(
    Guid TaskId, Guid ProjectId, string Key, string Kind, string Provider, string Repository, string Reference, string Title, string Url, string? State)
    : TaskEvent(TaskId, ProjectId, Key)
{
    public string? CheckName { get; init; }

    public string? CheckOutcome { get; init; }
}
