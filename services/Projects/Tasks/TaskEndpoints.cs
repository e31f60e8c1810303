using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Tasks");
        write.MapPost("/projects/{projectKey}/tasks", Create).RequireUnarchivedProject("projectKey", ProjectKeyIn.Project).WithIdempotency<TaskInput>()
            .WithName("CreateTask").WithSummary("Create a task with the project's next key");
        read.MapGet("/tasks/{key}", Get).WithName("GetTask").WithSummary("A task now, with its ETag, or as it was at a moment (asOf)");
        write.MapPatch("/tasks/{key}", Update).RequireUnarchivedProject("key", ProjectKeyIn.Task)
            .Accepts<TaskInput>("application/merge-patch+json", "application/json")
            .WithName("UpdateTask").WithSummary("Change a task's fields (merge patch; If-Match for no lost updates)");
        write.MapDelete("/tasks/{key}", Delete).RequireUnarchivedProject("key", ProjectKeyIn.Task).WithName("DeleteTask").WithSummary("Delete a task");
        return api;
    }

    public static async Task<Results<Created<TaskView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        string projectKey, TaskInput request, HttpContext http, ProjectTasks tasks, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } invalid)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        var created = await tasks.CreateAsync(projectKey, request, http.User.ActorId(), cancellationToken);
        if (created.Status == TaskWriteStatus.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (created.Status == TaskWriteStatus.Refused)
        {
            return TypedResults.ValidationProblem(created.Errors!);
        }

        ETags.Write(http, created.View!.Version);
        return TypedResults.Created($"/tasks/{created.View.Key}", created.View);
    }

    /// <summary>The task now, with its ETag; or as it was at <paramref name="asOf"/>, rebuilt from its history.</summary>
    public static async Task<Results<Ok<TaskView>, NotFound, StatusCodeHttpResult>> Get(
        string key, HttpContext http, ProjectTasks tasks, CancellationToken cancellationToken, DateTimeOffset? asOf = null)
    {
        if (await tasks.ReadAsync(key, asOf, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        if (asOf is not null)
        {
            return TypedResults.Ok(view);
        }

        ETags.Write(http, view.Version);
        return ETags.IfNoneMatchHits(http.Request, view.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(view);
    }

    /// <summary>
    /// A JSON merge patch of the task's fields (null clears a field); with <c>If-Match</c>, only if nobody changed
    /// the task since. Every change is recorded in the history and announced as events.
    /// </summary>
    public static async Task<Results<Ok<TaskView>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        string key, HttpContext http, ProjectTasks tasks, CancellationToken cancellationToken)
    {
        var (patch, unreadable) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var updated = await tasks.UpdateAsync(key, patch!, http.User.ActorId(), version => ETags.IfMatchHolds(http.Request, version), cancellationToken);
        switch (updated.Status)
        {
            case TaskWriteStatus.NotFound:
                return TypedResults.NotFound();
            case TaskWriteStatus.VersionChanged:
                return ETags.PreconditionFailed("task");
        }

        if (updated.Errors is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (updated.Problem is { } problem)
        {
            return problem;
        }

        ETags.Write(http, updated.View!.Version);
        return TypedResults.Ok(updated.View);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, HttpContext http, ProjectTasks tasks, CancellationToken cancellationToken) =>
        await tasks.DeleteAsync(key, http.User.ActorId(), version => ETags.IfMatchHolds(http.Request, version), cancellationToken) switch
        {
            TaskWriteStatus.NotFound => TypedResults.NotFound(),
            TaskWriteStatus.VersionChanged => ETags.PreconditionFailed("task"),
            _ => TypedResults.NoContent(),
        };
}
