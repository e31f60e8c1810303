using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>
/// Who hears of a task's changes: its creator, assignee and commenters start watching it, and anyone can. Each watcher
/// that comes or goes is announced (the notifications service keeps who watches what).
/// </summary>
public static class TaskWatchers
{
    /// <summary>The user ids watching the task at <paramref name="key"/>, in order; null when there is no such task.</summary>
    public static async Task<string[]?> ListAsync(ProjectsDbContext db, string key, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        return await db.Watchers.AsNoTracking().Where(w => w.TaskId == task.Id).OrderBy(w => w.UserId).Select(w => w.UserId).ToArrayAsync(cancellationToken);
    }

    /// <summary>The user watches the task at <paramref name="key"/> (watching twice is watching); false when there is no such task.</summary>
    public static async Task<bool> WatchAsync(ProjectsDbContext db, string key, string userId, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return false;
        }

        await WatchAsync(db, task, TaskKey.Of(task), userId, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>False when there is no such task or the user does not watch it.</summary>
    public static async Task<bool> UnwatchAsync(ProjectsDbContext db, string key, string? userId, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task
            || await db.Watchers.Where(w => w.TaskId == task.Id && w.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        db.AddIntegrationEvent(new WatcherRemoved(task.Id, task.ProjectId, TaskKey.Of(task), userId!) { OrganizationId = task.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds the watcher unless it is nobody or already watches, and announces it; the task must be saved already, and
    /// the caller's transaction keeps the row and its announcement together.
    /// </summary>
    public static async Task WatchAsync(ProjectsDbContext db, ProjectTask task, string key, string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return;
        }

        var added = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO task_watchers (task_id, user_id, organization_id) VALUES ({task.Id}, {userId}, {task.OrganizationId}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (added > 0)
        {
            db.AddIntegrationEvent(new WatcherAdded(task.Id, task.ProjectId, key, userId) { OrganizationId = task.OrganizationId });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
