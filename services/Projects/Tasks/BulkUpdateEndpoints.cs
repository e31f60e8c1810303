using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Http;

namespace Platform.Projects.Tasks;

/// <summary>
/// The same change to many tasks: <see cref="Changes"/> is a merge patch as for one task; labels can also be
/// added and removed without replacing the others.
/// </summary>
public sealed record BulkUpdateInput(string[]? Keys, JsonObject? Changes, string[]? AddLabels, string[]? RemoveLabels);

public sealed record BulkUpdateResult(TaskView[] Items);

public static class BulkUpdateEndpoints
{
    public const int MaxTasks = 200;

    public static IEndpointRouteBuilder MapBulkUpdateEndpoints(this IEndpointRouteBuilder api)
    {
        var (_, write) = api.Tagged("Tasks");
        write.MapPost("/tasks/bulk-update", Update).WithName("BulkUpdateTasks").WithSummary("Apply one change to up to 200 tasks, all or none");
        return api;
    }

    /// <summary>All or nothing: if any task refuses the change, none is changed and the errors name the task (<c>PLAT-3.state</c>).</summary>
    public static async Task<Results<Ok<BulkUpdateResult>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        BulkUpdateInput request, ClaimsPrincipal user, TaskBulkUpdates bulkUpdates, CancellationToken cancellationToken)
    {
        var keys = (request.Keys ?? []).Select(k => k.Trim().ToUpperInvariant()).Distinct().ToArray();
        if (keys.Length is 0 or > MaxTasks)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["keys"] = [$"1 to {MaxTasks} task keys."] });
        }

        var updated = await bulkUpdates.ApplyAsync(keys, request, user.ActorId(), cancellationToken);
        return updated.Status switch
        {
            TaskWriteStatus.NotFound => TypedResults.NotFound(),
            TaskWriteStatus.Refused when updated.Problem is { } problem => problem,
            TaskWriteStatus.Refused => TypedResults.ValidationProblem(updated.Errors!),
            _ => TypedResults.Ok(new BulkUpdateResult(updated.Views!)),
        };
    }
}
