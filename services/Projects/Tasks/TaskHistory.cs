using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Tasks;

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
        var all = JsonSerializer.SerializeToNode(view, ApiJson.Options)!.AsObject();
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

    /// <summary>The recorded fields a new task has, but its title and description (<see cref="TaskCreated"/> carries those itself).</summary>
    public static Dictionary<string, JsonElement> CreationFields(TaskView view) =>
        Diff([], Snapshot(view)).Where(change => change.Key is not ("title" or "description") && change.Value.New is not null)
            .ToDictionary(change => change.Key, change => change.Value.New!.Value);

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
        Changes = JsonSerializer.Serialize(changes, ApiJson.Options),
    };

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

        var all = JsonSerializer.SerializeToNode(current, ApiJson.Options)!.AsObject();
        foreach (var name in Recorded)
        {
            all[name] = fields[name]?.DeepClone();
        }

        var earlier = await db.History.AsNoTracking().Where(e => e.TaskId == current.Id && e.ChangedAt <= asOf)
            .MaxAsync(e => (DateTimeOffset?)e.ChangedAt, cancellationToken);
        all["updatedAt"] = JsonSerializer.SerializeToNode(earlier ?? current.CreatedAt, ApiJson.Options);
        // Blocked is derived from other tasks now; it is not part of the past.
        all["blocked"] = false;
        return all.Deserialize<TaskView>(ApiJson.Options);
    }

    internal static Task<List<TaskHistoryEntry>> EntriesAsync(ProjectsDbContext db, Guid taskId, DateTimeOffset after, CancellationToken cancellationToken) =>
        db.History.AsNoTracking().Where(e => e.TaskId == taskId && e.ChangedAt > after).OrderBy(e => e.ChangedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    internal static Dictionary<string, FieldChange> Changes(TaskHistoryEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(entry.Changes, ApiJson.Options)!;

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
