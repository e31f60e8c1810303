using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>
/// The tasks as changed, in the order of the keys; or why none was: a missing task, a problem such as 409, or the
/// field errors of each task that refused (<c>PLAT-3.state</c>).
/// </summary>
public sealed record BulkUpdateOutcome(TaskWriteStatus Status, TaskView[]? Views = null, Dictionary<string, string[]>? Errors = null, ProblemHttpResult? Problem = null);

/// <summary>The same change to many tasks, all or none, each task changed as <see cref="TaskUpdates"/> changes one.</summary>
public sealed class TaskBulkUpdates(ProjectsDbContext db, TimeProvider clock)
{
    /// <summary>Applies the change to the tasks of <paramref name="keys"/> (upper case, distinct).</summary>
    public async Task<BulkUpdateOutcome> ApplyAsync(string[] keys, BulkUpdateInput request, string actor, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        var tasks = new List<ProjectTask>();
        foreach (var key in keys.Order(StringComparer.Ordinal)) // one lock order, so two bulk updates cannot deadlock
        {
            if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
            {
                return new(TaskWriteStatus.NotFound);
            }

            tasks.Add(task);
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var updated = new List<TaskView>();
        foreach (var task in tasks)
        {
            var outcome = await TaskUpdates.ApplyAsync(db, task, PatchFor(task, request), actor, automationDepth: 0, now, cancellationToken);
            if (outcome.Problem is { } problem)
            {
                return new(TaskWriteStatus.Refused, Problem: problem);
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
            return new(TaskWriteStatus.Refused, Errors: errors);
        }

        await work.CommitAsync(cancellationToken);
        return new(TaskWriteStatus.Done, [.. updated.OrderBy(v => Array.IndexOf(keys, v.Key))]);
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
