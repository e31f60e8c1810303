using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.EventBus.Outbox;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Preferences;

namespace Platform.Notifications.Tests;

/// <summary>Notifications handed to the integrations service for people's own Slack or Teams, and what became of them.</summary>
public sealed class ChatTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_with_a_connected_chat_has_their_notification_handed_over_in_their_words_and_its_outcome_kept()
    {
        var team = await Team.JoinAsync(fixture);
        await fixture.PublishAsync(new ChatConnected(team.Bob, Guid.NewGuid(), "slack") { OrganizationId = team.Organization });
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "CHAT-1", "Wire Slack", actor: team.Ada));
        await fixture.PublishAsync(team.Assign(task, "CHAT-1", actor: team.Ada, assignee: team.Bob));
        Assert.Equal(1, await fixture.HandChatOverAsync());

        var item = Assert.Single((await InboxAsync(team, team.Bob)).Items);
        var requested = await LastOutboxAsync(team, "platform.notification.chat-requested");
        Assert.Equal(item.Id, requested.GetProperty("notificationId").GetGuid());
        Assert.Equal(team.Bob, requested.GetProperty("recipientId").GetGuid());
        Assert.Equal(item.Title, requested.GetProperty("title").GetString());
        Assert.Equal($"https://platform.example/inbox/{item.Id}", requested.GetProperty("url").GetString());
        var chat = Assert.Single(item.Deliveries, d => d.Channel == Channels.Chat);
        Assert.Equal((DeliveryStatus.Queued, 1, "Handed to the integrations service"), (chat.Status, chat.Attempts, chat.Address));
        Assert.Equal(0, await fixture.HandChatOverAsync());

        await fixture.PublishAsync(new NotificationChatDelivered(item.Id, true, null) { OrganizationId = team.Organization });
        chat = Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries, d => d.Channel == Channels.Chat);
        Assert.Equal(DeliveryStatus.Sent, chat.Status);
        // A later failure of another of their chats does not undo it.
        await fixture.PublishAsync(new NotificationChatDelivered(item.Id, false, "Slack did not take it") { OrganizationId = team.Organization });
        Assert.Equal(DeliveryStatus.Sent, Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries, d => d.Channel == Channels.Chat).Status);
    }

    [Fact]
    public async Task A_kind_switched_off_for_chat_and_a_disconnected_chat_get_nothing_handed_over()
    {
        var team = await Team.JoinAsync(fixture);
        var chat = Guid.NewGuid();
        await fixture.PublishAsync(new ChatConnected(team.Cy, chat, "teams") { OrganizationId = team.Organization });
        await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PreferenceBook>().PutAsync(team.Organization, team.Cy,
            new PreferenceInput("UTC", null, null, null, null, [], ChatOff: [NoticeKinds.Assigned]), Cancel));
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "CHAT-2", "Quiet", actor: team.Ada, assignee: team.Cy));
        await fixture.PublishAsync(new ChatDisconnected(team.Cy, chat) { OrganizationId = team.Organization });
        await fixture.PublishAsync(team.Watch(task, "CHAT-2", team.Cy), team.Comment(task, "CHAT-2", team.Ada, "After the chat is gone"));

        var items = (await InboxAsync(team, team.Cy)).Items;
        Assert.Equal(2, items.Length);
        Assert.All(items, item => Assert.DoesNotContain(item.Deliveries, d => d.Channel == Channels.Chat));
    }

    private async Task<JsonElement> LastOutboxAsync(Team team, string type)
    {
        var message = await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<NotificationsDbContext>().Set<OutboxMessage>()
            .Where(m => m.OrganizationId == team.Organization && m.Type == type).OrderBy(m => m.Sequence).LastAsync(Cancel));
        return JsonDocument.Parse(message.Data).RootElement;
    }

    private Task<InboxPage> InboxAsync(Team team, Guid person) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PersonalInbox>().PageAsync(person, "inbox", null, 50, Cancel));
}
