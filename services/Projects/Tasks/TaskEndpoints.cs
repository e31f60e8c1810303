using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
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
        string projectKey, TaskInput request, HttpContext http, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } invalid)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindAsync(db, projectKey, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var (view, errors) = await TaskCreation.CreateAsync(db, project, request, http.User.ActorId(), automationDepth: 0, clock.GetUtcNow(), cancellationToken);
        if (view is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await work.CommitAsync(cancellationToken);
        ETags.Write(http, view.Version);
        return TypedResults.Created($"/tasks/{view.Key}", view);
    }

    /// <summary>The task now, with its ETag; or as it was at <paramref name="asOf"/>, rebuilt from its history.</summary>
    public static async Task<Results<Ok<TaskView>, NotFound, StatusCodeHttpResult>> Get(
        string key, HttpContext http, ProjectsDbContext db, CancellationToken cancellationToken, DateTimeOffset? asOf = null)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var view = await db.ViewAsync(task.Id, cancellationToken);
        if (asOf is { } moment)
        {
            return await TaskHistory.AsOfAsync(db, view, moment, cancellationToken) is { } past ? TypedResults.Ok(past) : TypedResults.NotFound();
        }

        ETags.Write(http, view.Version);
        return ETags.IfNoneMatchHits(http.Request, view.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(view);
    }

    /// <summary>
    /// A JSON merge patch of the task's fields (null clears a field); with <c>If-Match</c>, only if nobody changed
    /// the task since. Every change is recorded in the history and announced as events.
    /// </summary>
    public static async Task<Results<Ok<TaskView>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        string key, HttpContext http, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (patch, unreadable) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
        {
            return TypedResults.NotFound();
        }

        if (!ETags.IfMatchHolds(http.Request, task.Version))
        {
            return ETags.PreconditionFailed("task");
        }

        var outcome = await TaskUpdates.ApplyAsync(db, task, patch!, http.User.ActorId(), automationDepth: 0, clock.GetUtcNow(), cancellationToken);
        if (outcome.Errors is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (outcome.Problem is { } problem)
        {
            return problem;
        }

        await work.CommitAsync(cancellationToken);
        ETags.Write(http, outcome.View!.Version);
        return TypedResults.Ok(outcome.View);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, HttpContext http, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
        {
            return TypedResults.NotFound();
        }

        if (!ETags.IfMatchHolds(http.Request, task.Version))
        {
            return ETags.PreconditionFailed("task");
        }

        db.Tasks.Remove(task);
        db.AddIntegrationEvent(new TaskDeleted(task.Id, task.ProjectId, TaskKey.Of(task))
        {
            OrganizationId = task.OrganizationId,
            OccurredAt = clock.GetUtcNow(),
            Actor = http.User.ActorId(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
