using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>Who hears of a task's changes: its creator, assignee and commenters start watching it.</summary>
public static class TaskWatchers
{
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
