using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
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
        BulkUpdateInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var keys = (request.Keys ?? []).Select(k => k.Trim().ToUpperInvariant()).Distinct().ToArray();
        if (keys.Length is 0 or > MaxTasks)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["keys"] = [$"1 to {MaxTasks} task keys."] });
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        var tasks = new List<ProjectTask>();
        foreach (var key in keys.Order(StringComparer.Ordinal)) // one lock order, so two bulk updates cannot deadlock
        {
            if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
            {
                return TypedResults.NotFound();
            }

            tasks.Add(task);
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var updated = new List<TaskView>();
        foreach (var task in tasks)
        {
            var outcome = await TaskUpdates.ApplyAsync(db, task, PatchFor(task, request), user.ActorId(), automationDepth: 0, now, cancellationToken);
            if (outcome.Problem is { } problem)
            {
                return problem;
            }

            foreach (var (field, messages) in outcome.Errors ?? [])
            {
                errors[$"{TaskKey.Of(task)}.{field}"] = messages;
            }

            if (outcome.View is { } view)
            {
                updated.Add(view);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(new BulkUpdateResult([.. updated.OrderBy(v => Array.IndexOf(keys, v.Key))]));
    }

    private static JsonObject PatchFor(ProjectTask task, BulkUpdateInput request)
    {
        var patch = (JsonObject?)request.Changes?.DeepClone() ?? [];
        if (request.AddLabels is { Length: > 0 } || request.RemoveLabels is { Length: > 0 })
        {
            var labels = (patch["labels"]?.Deserialize<string[]>() ?? [.. task.Labels]).ToList();
            labels.AddRange(request.AddLabels ?? []);
            labels.RemoveAll(l => (request.RemoveLabels ?? []).Contains(l.Trim(), StringComparer.OrdinalIgnoreCase));
            patch["labels"] = JsonSerializer.SerializeToNode(labels);
        }

        return patch;
    }
}
