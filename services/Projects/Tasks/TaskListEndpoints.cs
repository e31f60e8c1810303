using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Tasks;

/// <summary>One page of tasks; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TaskPage(TaskView[] Items, string? NextCursor);

/// <summary>
/// Which tasks of a project to list and in which order. Every filter is optional; <see cref="Sort"/> is one of
/// key, priority, dueDate, updatedAt, each descending with a leading minus; ties go by key.
/// </summary>
public sealed record TaskQuery(
    string? State = null,
    string? Category = null,
    string? Assignee = null,
    string? Label = null,
    string? Q = null,
    DateOnly? DueBefore = null,
    bool? Blocked = null,
    string? Parent = null,
    string? Sort = null,
    int? Limit = null,
    string? Cursor = null);

public static class TaskListEndpoints
{
    public static IEndpointRouteBuilder MapTaskListEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _) = api.Tagged("Tasks");
        read.MapGet("/projects/{projectKey}/tasks", List).WithName("ListTasks")
            .WithSummary("A project's tasks, filtered, sorted and paged by cursor");
        return api;
    }

    /// <summary>
    /// A page of the project's tasks. <c>assignee</c> is a user id, <c>me</c> or <c>none</c>; <c>q</c> matches
    /// titles; <c>cursor</c> is the previous page's <c>nextCursor</c> (opaque, tied to the sort).
    /// </summary>
    public static async Task<Results<Ok<TaskPage>, NotFound, ValidationProblem>> List(
        string projectKey, [AsParameters] TaskQuery query, ClaimsPrincipal user, TaskListing listing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = query.Limit ?? 50;
        if (pageSize is < 1 or > 200)
        {
            errors["limit"] = ["Between 1 and 200."];
        }

        if (!TaskListing.IsSort(query.Sort))
        {
            errors["sort"] = [$"One of {string.Join(", ", TaskListing.SortNames)}, with a leading - for descending."];
        }

        if (query.Cursor is not null && !TaskListing.IsCursor(query.Cursor, query.Sort))
        {
            errors["cursor"] = ["Not a cursor this API returned for this sort; start again without one."];
        }

        Guid? assignee = null;
        if (query.Assignee is { } who && who is not "none" && (assignee = Guid.TryParse(user.UserIdOrMe(who), out var id) ? id : null) is null)
        {
            errors["assignee"] = ["A user id, me or none."];
        }

        StateCategory? category = null;
        if (query.Category is not null && (category = Enum.TryParse<StateCategory>(query.Category, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null) is null)
        {
            errors["category"] = ["One of backlog, todo, inProgress, done, cancelled."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var listed = await listing.PageAsync(projectKey, query, pageSize, assignee, category, cancellationToken);
        return listed.Status switch
        {
            TaskListStatus.NotFound => TypedResults.NotFound(),
            TaskListStatus.UnknownState => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = [$"The workflow of {listed.ProjectKey} has the states {string.Join(", ", listed.States!)}."],
            }),
            _ => TypedResults.Ok(listed.Page!),
        };
    }
}
