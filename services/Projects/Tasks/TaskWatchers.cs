using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>Who hears of a task's changes: its creator, assignee and commenters start watching it, and anyone can.</summary>
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
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return false;
        }

        await WatchAsync(db, task, userId, cancellationToken);
        return true;
    }

    /// <summary>False when there is no such task or the user does not watch it.</summary>
    public static async Task<bool> UnwatchAsync(ProjectsDbContext db, string key, string? userId, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return false;
        }

        return await db.Watchers.Where(w => w.TaskId == task.Id && w.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Adds the watcher unless it is nobody or already watches; the task must be saved already.</summary>
    public static async Task WatchAsync(ProjectsDbContext db, ProjectTask task, string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO task_watchers (task_id, user_id, organization_id) VALUES ({task.Id}, {userId}, {task.OrganizationId}) ON CONFLICT DO NOTHING",
            cancellationToken);
    }
}
