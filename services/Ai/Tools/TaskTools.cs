using System.ComponentModel;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>Tasks: find, read, create, change, move through the workflow, comment, link by dependencies, and delete.</summary>
[McpServerToolType]
[Toolset("tasks")]
public sealed class TaskTools(PlatformApi api)
{
    [McpServerTool(Name = "list_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists a project's tasks, newest key last, filtered and paged. Pass nextCursor back as cursor for the next page.")]
    public async Task<Page<TaskSummary>> ListTasks(
        [Description("Project key, e.g. PLAT.")] string project,
        [Description("Only tasks in this workflow state (its name, e.g. 'In Progress').")] string? state = null,
        [Description("Only tasks of this assignee: a user id, 'me' or 'none'.")] string? assignee = null,
        [Description("Only tasks with this label.")] string? label = null,
        [Description("Words the title contains.")] string? query = null,
        [Description("Only tasks blocked (true) or not blocked (false) by unfinished predecessors.")] bool? blocked = null,
        [Description("Page size, 1 to 100.")] int limit = 25,
        [Description("nextCursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["state"] = state, ["assignee"] = assignee, ["label"] = label, ["q"] = query,
            ["blocked"] = blocked?.ToString().ToLowerInvariant(), ["limit"] = Arguments.Limit(limit, nameof(limit), 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        var url = QueryHelpers.AddQueryString($"{PlatformApi.Projects}/projects/{Arguments.Key(project, nameof(project))}/tasks", parameters.Where(p => p.Value is not null));
        return await api.GetAsync<Page<TaskSummary>>(url, cancellationToken);
    }

    [McpServerTool(Name = "get_task", Title = "Get a task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Reads one task by key (e.g. PLAT-12): description, state, assignee, priority, labels, estimates, dates, whether it is blocked.")]
    public Task<TaskDetails> GetTask([Description("Task key, e.g. PLAT-12.")] string key, CancellationToken cancellationToken = default) =>
        api.GetAsync<TaskDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}", cancellationToken);

    [McpServerTool(Name = "get_task_code", Title = "Get a task's pull requests, commits and checks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The pull requests (draft, open, closed or merged), commits and CI checks that name a task, as the organization's connected GitHub, " +
        "GitLab or CI integrations reported them: pull requests first, then newest first.")]
    public async Task<TaskCode> GetTaskCode([Description("Task key, e.g. PLAT-12.")] string key, CancellationToken cancellationToken = default)
    {
        var task = Arguments.Key(key, nameof(key));
        return new TaskCode(task, await api.GetAsync<List<TaskLinkDetails>>($"{PlatformApi.Projects}/tasks/{task}/links", cancellationToken));
    }

    [McpServerTool(Name = "create_task", Title = "Create a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Creates a task in a project and returns it with its new key.")]
    public Task<TaskDetails> CreateTask(
        [Description("Project key, e.g. PLAT.")] string project,
        [Description("Title, at most 500 characters.")] string title,
        [Description("Markdown description.")] string? description = null,
        [Description("urgent, high, medium, low or none.")] string? priority = null,
        [Description("Assignee's user id.")] Guid? assignee = null,
        [Description("Labels.")] string[]? labels = null,
        [Description("Parent task key, for a subtask.")] string? parent = null,
        [Description("Due date, yyyy-mm-dd.")] DateOnly? dueDate = null,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<TaskDetails>($"{PlatformApi.Projects}/projects/{Arguments.Key(project, nameof(project))}/tasks",
            new { title, description, priority, assignee, labels, parent, dueDate }, cancellationToken);

    [McpServerTool(Name = "update_task", Title = "Update a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Changes fields of a task; fields left out stay as they are.")]
    public Task<TaskDetails> UpdateTask(
        [Description("Task key, e.g. PLAT-12.")] string key,
        [Description("New title.")] string? title = null,
        [Description("New markdown description.")] string? description = null,
        [Description("urgent, high, medium, low or none.")] string? priority = null,
        [Description("New assignee's user id.")] Guid? assignee = null,
        [Description("The labels (replaces them).")] string[]? labels = null,
        [Description("Due date, yyyy-mm-dd.")] DateOnly? dueDate = null,
        CancellationToken cancellationToken = default)
    {
        // A merge patch: only the fields the caller gave.
        var changes = new Dictionary<string, object?>();
        void Set(string name, object? value)
        {
            if (value is not null)
            {
                changes[name] = value;
            }
        }
        Set("title", title);
        Set("description", description);
        Set("priority", priority);
        Set("assignee", assignee);
        Set("labels", labels);
        Set("dueDate", dueDate);
        return api.PatchAsync<TaskDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}", changes, cancellationToken);
    }

    [McpServerTool(Name = "transition_task", Title = "Move a task to another state", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Moves a task to another state of its project's workflow (e.g. 'In Progress', 'Done').")]
    public Task<TaskDetails> TransitionTask(
        [Description("Task key, e.g. PLAT-12.")] string key,
        [Description("The target state's name.")] string state,
        CancellationToken cancellationToken = default) =>
        api.PatchAsync<TaskDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}", new { state }, cancellationToken);

    [McpServerTool(Name = "add_comment", Title = "Comment on a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Adds a markdown comment to a task, as the signed-in user.")]
    public Task<CommentDetails> AddComment(
        [Description("Task key, e.g. PLAT-12.")] string key,
        [Description("Markdown text of the comment.")] string body,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<CommentDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}/comments", new { body }, cancellationToken);

    [McpServerTool(Name = "add_dependency", Title = "Add a dependency", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Makes a task wait on a predecessor. Refused when it would close a cycle (the message names it).")]
    public Task<DependencyDetails> AddDependency(
        [Description("The task that waits, e.g. PLAT-12.")] string task,
        [Description("The task it waits on, e.g. PLAT-7.")] string predecessor,
        [Description("finish-to-start (default), start-to-start, finish-to-finish or start-to-finish.")] string? type = null,
        [Description("Lag in working days (negative: lead).")] double? lagDays = null,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<DependencyDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(task, nameof(task))}/dependencies",
            new { predecessor = Arguments.Key(predecessor, nameof(predecessor)), type, lagDays }, cancellationToken);

    [McpServerTool(Name = "remove_dependency", Title = "Remove a dependency", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Removes the dependency of a task on a predecessor. Asks the user first when the client can ask.")]
    public async Task<string> RemoveDependency(
        RequestContext<CallToolRequestParams> request,
        [Description("The task that waits, e.g. PLAT-12.")] string task,
        [Description("The predecessor, e.g. PLAT-7.")] string predecessor,
        CancellationToken cancellationToken = default)
    {
        var url = $"{PlatformApi.Projects}/tasks/{Arguments.Key(task, nameof(task))}/dependencies/{Arguments.Key(predecessor, nameof(predecessor))}";
        if (!Confirmation.Confirmed(request, PlatformScopes.ProjectsWrite, $"Remove the dependency of {task} on {predecessor}?"))
        {
            return $"Not removed: the user declined. {task} still waits on {predecessor}.";
        }
        await api.DeleteAsync(url, cancellationToken);
        return $"{task} no longer waits on {predecessor}.";
    }

    [McpServerTool(Name = "delete_task", Title = "Delete a task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Deletes a task with its comments and dependencies; its key is never reused. Asks the user first when the client can ask.")]
    public async Task<string> DeleteTask(
        RequestContext<CallToolRequestParams> request,
        [Description("Task key, e.g. PLAT-12.")] string key,
        CancellationToken cancellationToken = default)
    {
        var url = $"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}";
        // Read first: the question names the task, and an unknown key is an error before anyone is asked.
        var found = await api.GetAsync<TaskDetails>(url, cancellationToken);
        if (!Confirmation.Confirmed(request, PlatformScopes.ProjectsWrite, $"Delete {found.Key} \"{found.Title}\"? This cannot be undone."))
        {
            return $"Not deleted: the user declined. {found.Key} is unchanged.";
        }
        await api.DeleteAsync(url, cancellationToken);
        return $"{found.Key} is deleted.";
    }
}
