using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>What a task's input names, found in the database: its workflow state and its parent.</summary>
public sealed record ResolvedTask(WorkflowState State, ProjectTask? Parent);

/// <summary>The outcome of resolving: the values, or field errors, or the parent cycle the change would close.</summary>
public sealed record Resolution(ResolvedTask? Value, Dictionary<string, string[]> Errors, string[]? ParentCycle);

public static class TaskResolver
{
    /// <summary>
    /// Finds the state (by name, any case; the project's first todo state when none is named on a create) and
    /// the parent (by key, in any project of the organization), and refuses a parent that is the task itself or
    /// one of its subtasks. Call inside the transaction that writes the task.
    /// </summary>
    public static async Task<Resolution> ResolveAsync(
        ProjectsDbContext db, Project project, TaskInput input, ProjectTask? task, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var states = await db.States.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var state = input.State is null
            ? (task is null ? states.FirstOrDefault(s => s.Category == StateCategory.Todo) ?? states.FirstOrDefault() : null)
            : states.FirstOrDefault(s => string.Equals(s.Name, input.State.Trim(), StringComparison.OrdinalIgnoreCase));
        if (state is null)
        {
            errors["state"] = [$"The workflow of {project.Key} has the states {string.Join(", ", states.Select(s => s.Name))}; name one of them."];
        }

        ProjectTask? parent = null;
        if (input.Parent is not null)
        {
            parent = await TaskKey.FindAsync(db, input.Parent, cancellationToken);
            if (parent is null)
            {
                errors["parent"] = [$"No task {input.Parent} in this organization."];
            }
            else if (parent.Id == task?.Id)
            {
                errors["parent"] = ["A task cannot be its own parent."];
            }
        }

        if (errors.Count > 0)
        {
            return new Resolution(null, errors, null);
        }

        if (task is not null && parent is not null && parent.Id != task.ParentId && await ParentCycleAsync(db, task, parent, cancellationToken) is { } cycle)
        {
            return new Resolution(null, errors, cycle);
        }

        return new Resolution(new ResolvedTask(state!, parent), errors, null);
    }

    /// <summary>Puts validated input and what it resolved to on the task.</summary>
    public static void Apply(ProjectTask task, TaskInput input, ResolvedTask resolved)
    {
        task.Title = input.Title!.Trim();
        task.Description = input.Description ?? "";
        task.StateId = resolved.State.Id;
        task.AssigneeId = input.Assignee;
        task.Priority = input.Priority ?? TaskPriority.None;
        task.Labels = input.NormalizedLabels();
        task.ParentId = resolved.Parent?.Id;
        task.OptimisticDays = input.OptimisticDays;
        task.MostLikelyDays = input.MostLikelyDays;
        task.PessimisticDays = input.PessimisticDays;
        task.StoryPoints = input.StoryPoints;
        task.StartDate = input.StartDate;
        task.DueDate = input.DueDate;
    }

    /// <summary>
    /// Making <paramref name="parent"/> the parent of <paramref name="task"/> closes a cycle when the task is
    /// among the parent's ancestors; then the keys from the task up its would-be parents to itself again. Parent changes of one
    /// organization are serialized, so two of them cannot close a cycle together.
    /// </summary>
    private static async Task<string[]?> ParentCycleAsync(ProjectsDbContext db, ProjectTask task, ProjectTask parent, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('parents:' || {task.OrganizationId.ToString()}))", cancellationToken);
        var ancestors = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE up(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM tasks WHERE id = {parent.Id}
                UNION ALL
                SELECT t.id, t.parent_id, up.depth + 1 FROM tasks t JOIN up ON t.id = up.parent_id WHERE up.depth < 100000)
            SELECT id AS "Value" FROM up ORDER BY depth
            """).ToListAsync(cancellationToken);
        var at = ancestors.IndexOf(task.Id);
        if (at < 0)
        {
            return null;
        }

        var chain = ancestors.Take(at + 1).ToList(); // the new parent, its parent, ..., the task
        var keys = await db.Tasks.AsNoTracking().Where(t => chain.Contains(t.Id))
            .Select(t => new { t.Id, Key = t.Project!.Key + "-" + t.Number }).ToDictionaryAsync(t => t.Id, t => t.Key, cancellationToken);
        return [keys[task.Id], .. chain.Select(id => keys[id])];
    }
}
