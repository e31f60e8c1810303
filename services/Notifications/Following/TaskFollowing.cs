using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Reminders;

namespace Platform.Notifications.Following;

/// <summary>
/// Keeps, from the tasks' events, what a notification needs to know of a task: its key, title and assignee, and who
/// watches it. Runs before the notices of the same event, which read it.
/// </summary>
public sealed class TaskFollowing(NotificationsDbContext db, TimeProvider clock)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskDeleted>, IHandles<WatcherAdded>, IHandles<WatcherRemoved>
{
    public async Task HandleAsync(TaskCreated created, CancellationToken cancellationToken)
    {
        var task = Of(created);
        // One round trip: the task is new here, or (an event handed over again) takes the event's fields.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tasks (task_id, organization_id, project_id, key, title, assignee, due_date, closed)
            VALUES ({task.TaskId}, {task.OrganizationId}, {task.ProjectId}, {task.Key}, {task.Title}, {task.Assignee}, {task.DueDate}, {task.Closed})
            ON CONFLICT (task_id) DO UPDATE SET key = EXCLUDED.key, title = EXCLUDED.title, assignee = EXCLUDED.assignee,
                due_date = EXCLUDED.due_date, closed = EXCLUDED.closed
            """, cancellationToken);
        if (task.DueDate is not null)
        {
            await DueReminders.ScheduleAsync(db, task, clock.GetUtcNow(), cancellationToken);
        }
    }

    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        var task = await FindOrAddAsync(updated, cancellationToken);
        task.Key = updated.Key;
        if (updated.Changes.TryGetValue("title", out var title) && Text(title.New) is { } newTitle)
        {
            task.Title = newTitle;
        }

        if (updated.Changes.TryGetValue("assignee", out var assignee))
        {
            task.Assignee = Text(assignee.New);
        }

        if (updated.Changes.TryGetValue("dueDate", out var due))
        {
            task.DueDate = Date(due.New);
        }

        if (updated.Changes.TryGetValue("stateCategory", out var category))
        {
            task.Closed = IsClosed(Text(category.New));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (due is not null || category is not null)
        {
            await DueReminders.ScheduleAsync(db, task, clock.GetUtcNow(), cancellationToken);
        }
    }

    public async Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken)
    {
        await db.Watchers.Where(w => w.TaskId == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
        await db.DueReminders.Where(r => r.TaskId == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
        await db.Tasks.Where(t => t.TaskId == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
    }

    public Task HandleAsync(WatcherAdded added, CancellationToken cancellationToken) => db.Database.ExecuteSqlAsync(
        $"INSERT INTO task_watchers (task_id, user_id, organization_id) VALUES ({added.TaskId}, {added.UserId}, {added.OrganizationId}) ON CONFLICT DO NOTHING",
        cancellationToken);

    public Task HandleAsync(WatcherRemoved removed, CancellationToken cancellationToken) =>
        db.Watchers.Where(w => w.TaskId == removed.TaskId && w.UserId == removed.UserId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The task as its creation names it (the notices of the same event take it from here too, without a read).</summary>
    public static FollowedTask Of(TaskCreated created) => new()
    {
        TaskId = created.TaskId,
        OrganizationId = created.OrganizationId,
        ProjectId = created.ProjectId,
        Key = created.Key,
        Title = created.Title,
        Assignee = created.Fields.TryGetValue("assignee", out var assignee) ? Text(assignee) : null,
        DueDate = created.Fields.TryGetValue("dueDate", out var due) ? Date(due) : null,
        Closed = created.Fields.TryGetValue("stateCategory", out var category) && IsClosed(Text(category)),
    };

    /// <summary>The task as known; a task first heard of by a later event (one older than this service) starts with its key for a title.</summary>
    private async Task<FollowedTask> FindOrAddAsync(TaskEvent happened, CancellationToken cancellationToken)
    {
        if (await db.Tasks.FindAsync([happened.TaskId], cancellationToken) is { } known)
        {
            return known;
        }

        var task = new FollowedTask { TaskId = happened.TaskId, OrganizationId = happened.OrganizationId, ProjectId = happened.ProjectId, Key = happened.Key, Title = happened.Key };
        db.Tasks.Add(task);
        return task;
    }

    private static string? Text(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static DateOnly? Date(JsonElement? value) =>
        DateOnly.TryParseExact(Text(value), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    private static bool IsClosed(string? category) => category is "done" or "cancelled";
}
