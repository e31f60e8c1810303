using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>One entry of a task's history: who changed which fields when.</summary>
public sealed record HistoryEntryView(DateTimeOffset At, string By, IReadOnlyDictionary<string, FieldChange> Changes);

/// <summary>
/// The history of a task is the list of differences between its successive API views; undoing the differences
/// made after a moment, newest first, gives the task as it was at that moment.
/// </summary>
public static class TaskHistory
{
    /// <summary>The recorded fields: what a client sets, and the state's category that follows the state.</summary>
    private static readonly string[] Recorded = [.. TaskInput.FieldNames, "stateCategory"];

    public static JsonObject Snapshot(TaskView view)
    {
        var all = JsonSerializer.SerializeToNode(view, TaskViews.Json)!.AsObject();
        var snapshot = new JsonObject();
        foreach (var name in Recorded)
        {
            if (all[name] is { } value)
            {
                snapshot[name] = value.DeepClone();
            }
        }

        return snapshot;
    }

    /// <summary>Each recorded field whose value differs, with both values; absent values are null.</summary>
    public static Dictionary<string, FieldChange> Diff(JsonObject before, JsonObject after)
    {
        var changes = new Dictionary<string, FieldChange>();
        foreach (var name in Recorded)
        {
            if (!JsonNode.DeepEquals(before[name], after[name]))
            {
                changes[name] = new FieldChange(Element(before[name]), Element(after[name]));
            }
        }

        return changes;
    }

    public static TaskHistoryEntry Entry(ProjectTask task, string actor, DateTimeOffset at, Dictionary<string, FieldChange> changes) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = task.OrganizationId,
        TaskId = task.Id,
        ChangedAt = at,
        ChangedBy = actor,
        Changes = JsonSerializer.Serialize(changes, TaskViews.Json),
    };

    public static RouteGroupBuilder MapTaskHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{key}/history", List).RequireAuthorization(ProjectsPolicies.Read);
        return api;
    }

    /// <summary>Every change of the task, oldest first; the first one is its creation.</summary>
    public static async Task<Results<Ok<HistoryEntryView[]>, NotFound>> List(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var entries = await EntriesAsync(db, task.Id, DateTimeOffset.MinValue, cancellationToken);
        return TypedResults.Ok(entries.Select(View).ToArray());
    }

    /// <summary>The task as it was at <paramref name="asOf"/>, or null if it did not exist yet.</summary>
    public static async Task<TaskView?> AsOfAsync(ProjectsDbContext db, TaskView current, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (asOf < current.CreatedAt)
        {
            return null;
        }

        var later = await EntriesAsync(db, current.Id, asOf, cancellationToken);
        var fields = Snapshot(current);
        foreach (var entry in Enumerable.Reverse(later))
        {
            foreach (var (name, change) in Changes(entry))
            {
                fields[name] = change.Old is { } old ? JsonSerializer.SerializeToNode(old) : null;
            }
        }

        var all = JsonSerializer.SerializeToNode(current, TaskViews.Json)!.AsObject();
        foreach (var name in Recorded)
        {
            all[name] = fields[name]?.DeepClone();
        }

        var earlier = await db.History.AsNoTracking().Where(e => e.TaskId == current.Id && e.ChangedAt <= asOf)
            .MaxAsync(e => (DateTimeOffset?)e.ChangedAt, cancellationToken);
        all["updatedAt"] = JsonSerializer.SerializeToNode(earlier ?? current.CreatedAt, TaskViews.Json);
        // Blocked is derived from other tasks now; it is not part of the past.
        all["blocked"] = false;
        return all.Deserialize<TaskView>(TaskViews.Json);
    }

    private static Task<List<TaskHistoryEntry>> EntriesAsync(ProjectsDbContext db, Guid taskId, DateTimeOffset after, CancellationToken cancellationToken) =>
        db.History.AsNoTracking().Where(e => e.TaskId == taskId && e.ChangedAt > after).OrderBy(e => e.ChangedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    private static HistoryEntryView View(TaskHistoryEntry entry) => new(entry.ChangedAt, entry.ChangedBy, Changes(entry));

    private static Dictionary<string, FieldChange> Changes(TaskHistoryEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(entry.Changes, TaskViews.Json)!;

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
