using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.Reminders;

/// <summary>
/// A task with a due date is worth a reminder to its assignee the day before (at 00:00 UTC; at once when that has
/// passed and the day has not); a closed task, an overdue one (the risk notices take over) or one without a date
/// none. A changed due date reminds again.
/// </summary>
public static class DueReminders
{
    public static async Task ScheduleAsync(NotificationsDbContext db, FollowedTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.DueReminders.Where(r => r.TaskId == task.TaskId).ExecuteDeleteAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (task is not { Closed: false, DueDate: { } due } || due < today)
        {
            return;
        }

        var dayBefore = new DateTimeOffset(due.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        db.DueReminders.Add(new DueReminder { TaskId = task.TaskId, OrganizationId = task.OrganizationId, DueDate = due, RemindAt = dayBefore > now ? dayBefore : now });
        await db.SaveChangesAsync(cancellationToken);
    }
}
