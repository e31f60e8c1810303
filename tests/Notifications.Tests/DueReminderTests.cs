using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Inbox;
using Platform.Notifications.Reminders;

namespace Platform.Notifications.Tests;

public sealed class DueReminderTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_assignee_is_reminded_once_the_day_before_and_again_for_a_new_date_but_not_for_a_closed_task()
    {
        var team = await Team.JoinAsync(fixture);
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var (soon, later, closed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(team.TaskCreated(soon, "DUE-1", "Ship the release", team.Ada, assignee: team.Bob, due: today.AddDays(1)));
        await fixture.PublishAsync(team.TaskCreated(later, "DUE-2", "Plan the next one", team.Ada, assignee: team.Bob, due: today.AddDays(5)));
        await fixture.PublishAsync(team.TaskCreated(closed, "DUE-3", "Already done", team.Ada, assignee: team.Bob, due: today.AddDays(1)));
        await fixture.PublishAsync(team.Change(closed, "DUE-3", team.Ada, "stateCategory", "todo", "done"));

        await ScanAsync();
        await ScanAsync();
        var reminded = Assert.Single(await DueSoonAsync(team));
        Assert.StartsWith("DUE-1 is due on ", reminded.Title);

        await fixture.PublishAsync(team.Change(soon, "DUE-1", team.Ada, "dueDate", today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await ScanAsync();
        Assert.Equal(["DUE-1 is due today: Ship the release", reminded.Title], (await DueSoonAsync(team)).Select(i => i.Title));

        fixture.Clock.Advance(TimeSpan.FromDays(4));
        await ScanAsync();
        Assert.Equal("DUE-2", (await DueSoonAsync(team))[0].TaskKey);
    }

    private Task ScanAsync() => fixture.Host.Services.GetRequiredService<DueReminderScan>().ScanAsync(Cancel);

    private async Task<InboxItem[]> DueSoonAsync(Team team) =>
        [.. (await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PersonalInbox>().PageAsync(team.Bob, "inbox", null, 50, Cancel)))
            .Items.Where(i => i.Kind == NoticeKinds.DueSoon)];
}
