using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;

namespace Platform.Notifications.Tests;

/// <summary>What reaches whom: events in through the bus's dispatcher, inboxes and mail (read back from the SMTP server) out.</summary>
public sealed class NoticeTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_assignment_makes_exactly_one_inbox_item_and_one_mail_even_when_the_event_comes_again()
    {
        var team = await Team.JoinAsync(fixture);
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PLAT-1", "Fix <b>login</b>", actor: team.Ada));
        var assigned = team.Assign(task, "PLAT-1", actor: team.Ada, assignee: team.Bob);
        await fixture.PublishAsync(assigned);
        await fixture.PublishAsync(assigned);
        await fixture.SendMailAsync();

        var bobs = await InboxAsync(team, team.Bob);
        var item = Assert.Single(bobs.Items);
        Assert.Equal(NoticeKinds.Assigned, item.Kind);
        Assert.Equal("Ada Lovelace assigned you PLAT-1: Fix <b>login</b>", item.Title);
        Assert.Equal("tasks/PLAT-1", item.Link);
        Assert.Equal(1, bobs.Unread);
        Assert.Empty((await InboxAsync(team, team.Ada)).Items);

        var mail = Assert.Single(await fixture.Mail.WaitForAsync(team.EmailOf(team.Bob), 1, Cancel));
        Assert.Equal(item.Title, mail.GetProperty("subject").GetString());
        // Its link opens the notification in the web app (marked read there: how an opened mail is known), then the task.
        Assert.Contains($"https://platform.example/inbox/{item.Id}", mail.GetProperty("text").GetString());
        // The title is text in the HTML part, never markup.
        Assert.Contains("Fix &lt;b&gt;login&lt;/b&gt;", mail.GetProperty("html").GetString());
        Assert.DoesNotContain("<b>login", mail.GetProperty("html").GetString());
        var delivery = Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries);
        Assert.Equal((Channels.Email, DeliveryStatus.Sent, 1), (delivery.Channel, delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task Nobody_is_told_of_what_they_did_themselves()
    {
        var team = await Team.JoinAsync(fixture);
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PLAT-2", "Self-assigned", actor: team.Bob, assignee: team.Bob));
        await fixture.PublishAsync(team.Comment(task, "PLAT-2", team.Bob, "Starting now"));

        Assert.Empty((await InboxAsync(team, team.Bob)).Items);
    }

    [Fact]
    public async Task A_comment_tells_the_watchers_and_a_mention_tells_the_mentioned_once_instead()
    {
        var team = await Team.JoinAsync(fixture);
        var task = Guid.NewGuid();
        await fixture.PublishAsync([.. team.TaskCreated(task, "PLAT-3", "Retry payments", actor: team.Ada), team.Watch(task, "PLAT-3", team.Bob)]);
        await fixture.PublishAsync(team.Comment(task, "PLAT-3", team.Cy, $"@bob.{team.Tag} and @Ada, see the logs (mail me at cy@example.com)"));

        var ada = Assert.Single((await InboxAsync(team, team.Ada)).Items);
        var bob = Assert.Single((await InboxAsync(team, team.Bob)).Items);
        Assert.Equal(NoticeKinds.Mentioned, ada.Kind);
        Assert.Equal("Cy Young mentioned you on PLAT-3: Retry payments", ada.Title);
        Assert.Equal(NoticeKinds.Mentioned, bob.Kind);
        Assert.Empty((await InboxAsync(team, team.Cy)).Items);

        await fixture.PublishAsync(team.Comment(task, "PLAT-3", team.Cy, "No mention this time"));
        Assert.Equal([NoticeKinds.Comment, NoticeKinds.Mentioned], (await InboxAsync(team, team.Ada)).Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task A_document_that_comes_to_mention_someone_tells_only_them_and_only_once()
    {
        var team = await Team.JoinAsync(fixture);
        var document = Guid.NewGuid();
        DocumentChanged Version(int version, string text) =>
            new(document, team.Project, "Design: payments", "design", version, false) { OrganizationId = team.Organization, Text = text };

        await fixture.PublishAsync(Version(1, "# Payments\nNo one yet."));
        await fixture.PublishAsync(Version(2, "# Payments\nReview: @cy.young"));
        await fixture.PublishAsync(Version(3, "# Payments\nReview: @cy.young, soon."));

        var cy = Assert.Single((await InboxAsync(team, team.Cy)).Items);
        Assert.Equal(($"documents/{document}", "You were mentioned in Design: payments"), (cy.Link, cy.Title));
        Assert.Empty((await InboxAsync(team, team.Ada)).Items);
        Assert.Empty((await InboxAsync(team, team.Bob)).Items);
    }

    [Fact]
    public async Task Another_organizations_people_never_receive_anything()
    {
        var team = await Team.JoinAsync(fixture);
        var other = await Team.JoinAsync(fixture);
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PLAT-4", "Ours", actor: team.Ada));
        // Assigned to someone of the other organization, and mentioning them by name: neither reaches them.
        await fixture.PublishAsync(team.Assign(task, "PLAT-4", team.Ada, other.Bob), team.Comment(task, "PLAT-4", team.Ada, $"@bob.{other.Tag} can you look?"));

        await fixture.SendMailAsync();
        Assert.Empty((await InboxAsync(other, other.Bob)).Items);
        Assert.Empty(await fixture.Mail.ToAsync(other.EmailOf(other.Bob), Cancel));
        // Whoever an organization names is told only there, and only by mail once the organization knows their address.
        var held = Assert.Single(await fixture.InTenantAsync(team.Organization, services =>
            services.GetRequiredService<NotificationsDbContext>().Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.Address == null).ToListAsync(Cancel)));
        Assert.StartsWith("Not sent yet", held.LastError);
    }

    [Fact]
    public async Task A_new_token_is_told_to_its_owner_whatever_they_did_and_a_new_owner_to_every_owner()
    {
        var team = await Team.JoinAsync(fixture);
        await fixture.PublishAsync(new AccessTokenCreated(team.Bob, Guid.NewGuid(), "ci", ["projects:read"], DateTimeOffset.UtcNow.AddDays(30)) { OrganizationId = team.Organization });
        await fixture.PublishAsync(new MemberRoleChanged(team.Cy, "member", "owner") { OrganizationId = team.Organization });

        var token = Assert.Single((await InboxAsync(team, team.Bob)).Items);
        Assert.True(token.Critical);
        Assert.Equal("A personal access token was created: ci", token.Title);
        Assert.Equal(NoticeKinds.OwnerAdded, Assert.Single((await InboxAsync(team, team.Ada)).Items).Kind);
        Assert.Equal(NoticeKinds.OwnerAdded, Assert.Single((await InboxAsync(team, team.Cy)).Items).Kind);
    }

    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_is_tried_again_later_and_the_failure_is_kept()
    {
        var team = await Team.JoinAsync(fixture);
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PLAT-5", "Flaky mail", actor: team.Ada, assignee: team.Cy));
        var working = fixture.MailOptions.Endpoint;
        fixture.MailOptions.Endpoint = new Uri($"smtp://127.0.0.1:{Platform.AppHost.Infrastructure.PortProbe.AnyFree()}");
        try
        {
            await fixture.SendMailAsync();
        }
        finally
        {
            fixture.MailOptions.Endpoint = working;
        }

        var failed = Assert.Single(Assert.Single((await InboxAsync(team, team.Cy)).Items).Deliveries);
        Assert.Equal((DeliveryStatus.Queued, 1), (failed.Status, failed.Attempts));
        Assert.StartsWith("The mail server could not be reached", failed.LastError);
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(1), failed.NextAttemptAt);
        await fixture.SendMailAsync();
        Assert.Empty(await fixture.Mail.ToAsync(team.EmailOf(team.Cy), Cancel));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.SendMailAsync();
        Assert.Single(await fixture.Mail.WaitForAsync(team.EmailOf(team.Cy), 1, Cancel));
        var sent = Assert.Single(Assert.Single((await InboxAsync(team, team.Cy)).Items).Deliveries);
        Assert.Equal((DeliveryStatus.Sent, 2, null), (sent.Status, sent.Attempts, sent.LastError));
    }

    private Task<InboxPage> InboxAsync(Team team, Guid person) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PersonalInbox>().PageAsync(person, "inbox", null, 50, Cancel));
}
