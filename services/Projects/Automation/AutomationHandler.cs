using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;
using Platform.Projects.Data;

namespace Platform.Projects.Automation;

/// <summary>Turns the projects service's own task events into rule runs; rules never run inside the request that made the change.</summary>
public sealed class AutomationHandler(RuleEngine engine, ProjectsDbContext db)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<CommentAdded>
{
    public Task HandleAsync(TaskCreated created, CancellationToken cancellationToken) =>
        engine.RunAsync(new RuleOccasion(TriggerType.TaskCreated, created.TaskId, created.Id, created.AutomationDepth), cancellationToken);

    public Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken) =>
        engine.RunAsync(new RuleOccasion(TriggerType.FieldChanged, updated.TaskId, updated.Id, updated.AutomationDepth, ChangedFields: [.. updated.Changes.Keys]), cancellationToken);

    public Task HandleAsync(CommentAdded added, CancellationToken cancellationToken) =>
        engine.RunAsync(new RuleOccasion(TriggerType.CommentAdded, added.TaskId, added.Id, added.AutomationDepth), cancellationToken);

    /// <summary>The state trigger for the task; when it finished, the "predecessors done" trigger for each successor it was the last to hold up.</summary>
    public async Task HandleAsync(TaskStateChanged changed, CancellationToken cancellationToken)
    {
        await engine.RunAsync(new RuleOccasion(TriggerType.StateChanged, changed.TaskId, changed.Id, changed.AutomationDepth, ToState: changed.ToState), cancellationToken);
        var finished = changed.ToCategory is "done" or "cancelled";
        var wasFinished = changed.FromCategory is "done" or "cancelled";
        if (!finished || wasFinished)
        {
            return;
        }

        // Freed: every other predecessor is finished, and finished before this one. Judging by the time each
        // entered its state (not just by how things are now) lets only the last one to finish fire the trigger,
        // even when the events of both are handled after both changes.
        var freed = await db.Database.SqlQuery<Guid>($"""
            SELECT d.successor_id AS "Value" FROM task_dependencies d
            WHERE d.predecessor_id = {changed.TaskId} AND NOT EXISTS (
                SELECT 1 FROM task_dependencies other
                JOIN tasks p ON p.id = other.predecessor_id
                JOIN workflow_states s ON s.id = p.state_id
                WHERE other.successor_id = d.successor_id AND other.predecessor_id <> {changed.TaskId}
                  AND (s.category NOT IN ('Done', 'Cancelled')
                       OR (SELECT max(h.changed_at) FROM task_history h WHERE h.task_id = p.id AND jsonb_exists(h.changes, 'stateCategory')) > {changed.OccurredAt}))
            """).ToListAsync(cancellationToken);
        foreach (var successor in freed)
        {
            await engine.RunAsync(new RuleOccasion(TriggerType.PredecessorsDone, successor, changed.Id, changed.AutomationDepth), cancellationToken);
        }
    }
}
