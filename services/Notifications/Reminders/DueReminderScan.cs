using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Reminders;

/// <summary>
/// Every few minutes, in each organization with reminders due: tells each task's assignee that its due date is near,
/// once per task and due date (the reminder goes, and the notice's cause is the task and its date).
/// </summary>
public sealed class DueReminderScan(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, ILogger<DueReminderScan> logger)
    : OrganizationScan<NotificationsDbContext>(scopes, tenant, clock, logger)
{
    protected override string Name => "due-reminders";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task<List<Guid>> OrganizationsAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        return db.DueReminders.Where(r => r.RemindAt <= now).Select(r => r.OrganizationId).Distinct().ToListAsync(cancellationToken);
    }

    protected override async Task ScanOrganizationAsync(IServiceProvider services, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var organization = services.GetRequiredService<TenantContext>().RequiredOrganizationId;
        var now = Clock.GetUtcNow();
        // The reminders' table is outside row-level security: this organization's are picked by hand.
        var due = await (
            from r in db.DueReminders
            join t in db.Tasks on r.TaskId equals t.TaskId
            where r.OrganizationId == organization && r.RemindAt <= now
            select new { Reminder = r, Task = t }).ToListAsync(cancellationToken);
        var (notifier, members) = (services.GetRequiredService<Notifier>(), services.GetRequiredService<People.Members>());
        foreach (var (reminder, task) in due.Select(d => (d.Reminder, d.Task)))
        {
            var template = reminder.DueDate == DateOnly.FromDateTime(now.UtcDateTime) ? TemplateNames.DueToday : TemplateNames.DueSoon;
            await notifier.TellAsync(organization, CauseOf(reminder), await members.RecipientsAsync(organization, [task.Assignee], cancellationToken), new Notice(
                NoticeKinds.DueSoon, template, new Dictionary<string, object> { ["key"] = task.Key, ["title"] = task.Title, ["due"] = reminder.DueDate },
                $"tasks/{task.Key}", task.Key, ""), cancellationToken);
            db.DueReminders.Remove(reminder);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    protected override void Committed(IServiceProvider services) => services.GetRequiredService<AfterCommit>().Run();

    /// <summary>One cause per task and due date, so a reminder is made once however often a scan is repeated.</summary>
    private static Guid CauseOf(DueReminder reminder)
    {
        var bytes = reminder.TaskId.ToByteArray();
        var day = BitConverter.GetBytes(reminder.DueDate.DayNumber);
        for (var i = 0; i < day.Length; i++)
        {
            bytes[i] ^= day[i];
        }

        return new Guid(bytes);
    }
}
