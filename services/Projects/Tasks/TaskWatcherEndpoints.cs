using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Tasks;

public static class TaskWatcherEndpoints
{
    public static IEndpointRouteBuilder MapTaskWatcherEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Watchers");
        read.MapGet("/tasks/{key}/watchers", List).WithName("ListWatchers").WithSummary("Who watches a task");
        write.MapPut("/tasks/{key}/watchers/{userId}", Add).WithName("AddWatcher").WithSummary("Watch a task (me: the caller)");
        write.MapDelete("/tasks/{key}/watchers/{userId}", Remove).WithName("RemoveWatcher").WithSummary("Stop watching a task");
        return api;
    }

    /// <summary>The user ids watching the task.</summary>
    public static async Task<Results<Ok<string[]>, NotFound>> List(string key, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await TaskWatchers.ListAsync(db, key, cancellationToken) is { } watchers ? TypedResults.Ok(watchers) : TypedResults.NotFound();

    /// <summary>Starts watching; <c>me</c> stands for the caller. Watching twice is watching.</summary>
    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Add(
        string key, string userId, HttpContext http, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (UserIdOf(userId, http) is not { } watcher)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = ["A user id, or me."] });
        }

        return await TaskWatchers.WatchAsync(db, key, watcher, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound>> Remove(
        string key, string userId, HttpContext http, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await TaskWatchers.UnwatchAsync(db, key, UserIdOf(userId, http), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static string? UserIdOf(string userId, HttpContext http) => http.User.UserIdOrMe(userId) is { Length: > 0 and <= 200 } id ? id : null;
}
