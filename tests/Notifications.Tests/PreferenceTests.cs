using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Preferences;

namespace Platform.Notifications.Tests;

/// <summary>Preferences at work on real mail: switched-off kinds, quiet hours, digests, the organization's defaults.</summary>
public sealed class PreferenceTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_daily_digest_batches_twenty_events_into_one_mail_at_the_chosen_time()
    {
        var team = await Team.JoinAsync(fixture);
        var at = TimeOnly.FromDateTime(fixture.Clock.GetUtcNow().AddHours(3).UtcDateTime);
        await ChooseAsync(team, team.Bob, new PreferenceInput("UTC", null, null, DigestModes.Daily, at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), null));
        var task = Guid.NewGuid();
        await fixture.PublishAsync([.. team.TaskCreated(task, "DIG-1", "Busy task", team.Ada), team.Watch(task, "DIG-1", team.Bob)]);
        for (var i = 1; i <= 20; i++)
        {
            await fixture.PublishAsync(team.Comment(task, "DIG-1", team.Ada, $"Comment {i}"));
        }

        await fixture.SendMailAsync();
        Assert.Empty(await fixture.Mail.ToAsync(team.EmailOf(team.Bob), Cancel));
        Assert.Equal(20, (await InboxAsync(team, team.Bob)).Unread);

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        await fixture.SendMailAsync();
        var digest = Assert.Single(await fixture.Mail.WaitForAsync(team.EmailOf(team.Bob), 1, Cancel));
        Assert.StartsWith("20 notifications:", digest.GetProperty("subject").GetString());
        Assert.Equal(20, digest.GetProperty("text").GetString()!.Split("- Ada Lovelace commented on DIG-1").Length - 1);
        Assert.All((await InboxAsync(team, team.Bob)).Items, item => Assert.Equal(DeliveryStatus.Sent, Assert.Single(item.Deliveries).Status));
        await fixture.SendMailAsync();
        Assert.Single(await fixture.Mail.ToAsync(team.EmailOf(team.Bob), Cancel));
    }

    [Fact]
    public async Task Quiet_hours_hold_mail_until_they_end_and_a_switched_off_kind_is_not_mailed()
    {
        var team = await Team.JoinAsync(fixture);
        var now = TimeOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        await ChooseAsync(team, team.Cy, new PreferenceInput("UTC", now.AddMinutes(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), now.AddHours(2).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), null, null, [NoticeKinds.Comment]));
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "QUI-1", "At night", team.Ada, assignee: team.Cy));
        await fixture.PublishAsync(team.Watch(task, "QUI-1", team.Cy), team.Comment(task, "QUI-1", team.Ada, "Not by mail"));

        await fixture.SendMailAsync();
        Assert.Empty(await fixture.Mail.ToAsync(team.EmailOf(team.Cy), Cancel));
        var items = (await InboxAsync(team, team.Cy)).Items;
        Assert.Equal([NoticeKinds.Comment, NoticeKinds.Assigned], items.Select(i => i.Kind));
        Assert.Empty(items[0].Deliveries);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await fixture.SendMailAsync();
        var mail = Assert.Single(await fixture.Mail.WaitForAsync(team.EmailOf(team.Cy), 1, Cancel));
        Assert.Equal("Ada Lovelace assigned you QUI-1: At night", mail.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task The_organizations_choice_holds_for_those_who_made_none()
    {
        var team = await Team.JoinAsync(fixture);
        await ChooseAsync(team, Preference.OrganizationDefault, new PreferenceInput("Europe/Paris", null, null, null, null, [NoticeKinds.State]));
        await ChooseAsync(team, team.Bob, new PreferenceInput("UTC", null, null, null, null, []));

        var views = await fixture.InTenantAsync(team.Organization, async services =>
        {
            var book = services.GetRequiredService<PreferenceBook>();
            return (Cy: await book.ViewAsync(team.Cy, Cancel), Bob: await book.ViewAsync(team.Bob, Cancel));
        });

        Assert.Equal(("Europe/Paris", true), (views.Cy.TimeZone, views.Cy.OrganizationDefault));
        Assert.Equal([NoticeKinds.State], views.Cy.EmailOff);
        Assert.Equal(("UTC", false), (views.Bob.TimeZone, views.Bob.OrganizationDefault));
        Assert.Empty(views.Bob.EmailOff);
        Assert.NotEmpty(new PreferenceInput("Mars/Olympus", "25:00", null, "weekly", null, ["everything"]).Validate());
    }

    private Task<PreferenceView> ChooseAsync(Team team, Guid person, PreferenceInput input) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PreferenceBook>().PutAsync(team.Organization, person, input, Cancel));

    private Task<InboxPage> InboxAsync(Team team, Guid person) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PersonalInbox>().PageAsync(person, "inbox", null, 50, Cancel));
}
