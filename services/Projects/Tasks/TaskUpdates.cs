using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

/// <summary>The task after an update, or why the update was refused (field errors, or a problem such as 409).</summary>
public sealed record UpdateOutcome(TaskView? View, Dictionary<string, string[]>? Errors = null, ProblemHttpResult? Problem = null);

/// <summary>Changing a task: the single PATCH, bulk updates and automation rules all go through here.</summary>
public static class TaskUpdates
{
    /// <summary>
    /// Applies a merge patch to a task loaded for update (with its project), inside the caller's transaction:
    /// validates the whole result, records the difference in the history and announces it as events.
    /// A patch that changes nothing writes nothing.
    /// </summary>
    public static async Task<UpdateOutcome> ApplyAsync(
        ProjectsDbContext db, ProjectTask task, JsonObject patch, string actor, int automationDepth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Bulk updates and rules change tasks without a route that checks the project first.
        if (task.Project!.ArchivedAt is not null)
        {
            return new UpdateOutcome(null, Problem: ArchivedProjects.Problem(task.Project.Key));
        }

        var before = await db.ViewAsync(task.Id, cancellationToken);
        if (!JsonBody.TryPatch<TaskInput>(before, patch, TaskInput.FieldNames, out var input, out var fieldErrors))
        {
            return new UpdateOutcome(null, fieldErrors);
        }

        if (input.Validate() is { Count: > 0 } errors)
        {
            return new UpdateOutcome(null, errors);
        }

        var resolution = await TaskResolver.ResolveAsync(db, task.Project, input, task, cancellationToken);
        if (resolution.ParentCycle is { } cycle)
        {
            return new UpdateOutcome(null, Problem: TypedResults.Problem(
                title: "Subtask cycle",
                detail: $"{cycle[0]} cannot be a subtask of {cycle[1]}: {string.Join(" → ", cycle)}.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["cycle"] = cycle }));
        }

        if (resolution.Value is not { } resolved)
        {
            return new UpdateOutcome(null, resolution.Errors);
        }

        TaskResolver.Apply(task, input, resolved);
        db.ChangeTracker.DetectChanges();
        if (db.Entry(task).State != EntityState.Modified)
        {
            return new UpdateOutcome(before);
        }

        task.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var after = await db.ViewAsync(task.Id, cancellationToken);
        var changes = TaskHistory.Diff(TaskHistory.Snapshot(before), TaskHistory.Snapshot(after));
        db.History.Add(TaskHistory.Entry(task, actor, now, changes));
        db.AddIntegrationEvent(new TaskUpdated(task.Id, task.ProjectId, after.Key, changes)
        {
            OrganizationId = task.OrganizationId, OccurredAt = now, Actor = actor, AutomationDepth = automationDepth, Parent = after.Parent,
        });
        if (before.State != after.State)
        {
            db.AddIntegrationEvent(new TaskStateChanged(task.Id, task.ProjectId, after.Key, before.State, Category(before.StateCategory), after.State, Category(after.StateCategory))
            {
                OrganizationId = task.OrganizationId, OccurredAt = now, Actor = actor, AutomationDepth = automationDepth, Parent = after.Parent,
            });
        }

        if (before.Assignee != after.Assignee)
        {
            await TaskWatchers.WatchAsync(db, task, after.Key, after.Assignee?.ToString(), cancellationToken);
            await ProjectMembers.EnsureAsync(db, task.ProjectId, task.OrganizationId, after.Assignee, MemberRole.Member, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new UpdateOutcome(after);
    }

    /// <summary>
    /// Locks a tracked task's row until the transaction ends and reads it afresh (another transaction may have
    /// changed it since it was loaded); false if it was deleted meanwhile.
    /// </summary>
    public static async Task<bool> LockAsync(ProjectsDbContext db, ProjectTask task, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tasks WHERE id = {task.Id} FOR UPDATE", cancellationToken);
        await db.Entry(task).ReloadAsync(cancellationToken);
        return db.Entry(task).State != EntityState.Detached;
    }

    /// <summary>A state category as events and the API spell it (<c>inProgress</c>).</summary>
    public static string Category(StateCategory category) => JsonNamingPolicy.CamelCase.ConvertName(category.ToString());
}
