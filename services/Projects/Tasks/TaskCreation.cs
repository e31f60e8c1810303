using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

/// <summary>Creating a task: the REST API and automation rules (subtasks) both go through here.</summary>
public static class TaskCreation
{
    /// <summary>
    /// Creates a task from validated input in the caller's transaction: the next key of the project, the creator
    /// and assignee watching, the assignee a member of the project, the creation in the history, and the event.
    /// </summary>
    public static async Task<(TaskView? View, Dictionary<string, string[]> Errors)> CreateAsync(
        ProjectsDbContext db, Project project, TaskInput input, string actor, int automationDepth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolution = await TaskResolver.ResolveAsync(db, project, input, task: null, cancellationToken);
        if (resolution.Value is not { } resolved)
        {
            return (null, resolution.Errors);
        }

        // Claims the next number under the project row's lock, so two creates never get the same key.
        var number = (await db.Database
            .SqlQuery<int>($"UPDATE projects SET next_task_number = next_task_number + 1 WHERE id = {project.Id} RETURNING next_task_number - 1 AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();
        var task = new ProjectTask
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Number = number,
            Title = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        TaskResolver.Apply(task, input, resolved);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        await ProjectMembers.EnsureAsync(db, project.Id, project.OrganizationId, task.AssigneeId, MemberRole.Member, now, cancellationToken);

        var view = await db.ViewAsync(task.Id, cancellationToken);
        db.History.Add(TaskHistory.Entry(task, actor, now, TaskHistory.Diff([], TaskHistory.Snapshot(view))));
        db.AddIntegrationEvent(new TaskCreated(task.Id, project.Id, view.Key, task.Title)
        {
            OrganizationId = task.OrganizationId, OccurredAt = now, Actor = actor, AutomationDepth = automationDepth,
            Description = task.Description, Parent = view.Parent, Fields = TaskHistory.CreationFields(view),
        });
        await db.SaveChangesAsync(cancellationToken);
        // Announced after the task, so that whoever follows the events hears of the task before its watchers.
        await TaskWatchers.WatchAsync(db, task, view.Key, actor, cancellationToken);
        await TaskWatchers.WatchAsync(db, task, view.Key, task.AssigneeId?.ToString(), cancellationToken);
        return (view, []);
    }
}
