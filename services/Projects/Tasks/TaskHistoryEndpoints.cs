using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Tasks;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Tasks;

/// <summary>One entry of a task's history: who changed which fields when.</summary>
public sealed record HistoryEntryView(DateTimeOffset At, string By, IReadOnlyDictionary<string, FieldChange> Changes);

public static class TaskHistoryEndpoints
{
    public static IEndpointRouteBuilder MapTaskHistoryEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _) = api.Tagged("Tasks");
        read.MapGet("/tasks/{key}/history", List).WithName("GetTaskHistory").WithSummary("Every change of a task, oldest first");
        return api;
    }

    /// <summary>Every change of the task, oldest first; the first one is its creation.</summary>
    public static async Task<Results<Ok<HistoryEntryView[]>, NotFound>> List(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var entries = await TaskHistory.EntriesAsync(db, task.Id, DateTimeOffset.MinValue, cancellationToken);
        return TypedResults.Ok(entries.Select(e => new HistoryEntryView(e.ChangedAt, e.ChangedBy, TaskHistory.Changes(e))).ToArray());
    }
}
