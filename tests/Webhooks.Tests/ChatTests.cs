using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.EventBus.Outbox;
using Platform.Testing;
using Platform.Webhooks.Chat;
using Platform.Webhooks.Data;
using Platform.Webhooks.Outbound;

namespace Platform.Webhooks.Tests;

/// <summary>Members' own chats: connected and announced, kept apart from the organization's endpoints, and each notification's end told back.</summary>
public sealed class ChatTests(WebhooksDatabaseFixture fixture) : IClassFixture<WebhooksDatabaseFixture>, IDisposable
{
    private readonly WebhookReceiver _receiver = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task A_notification_is_posted_to_the_persons_own_slack_and_its_end_is_told_back()
    {
        var (organization, person) = (Guid.NewGuid(), Guid.NewGuid());
        var chat = await ConnectAsync(organization, person, "slack");
        Assert.Equal("127.0.0.1", chat.Host);
        // The organization's administrators neither see nor manage a member's own chat.
        Assert.Empty(await fixture.InTenantAsync(organization, services => services.GetRequiredService<EndpointCatalog>().ListAsync(Cancel)));
        Assert.Equal(("platform.member.chat-connected", person), await LastAnnouncedAsync(organization, "userId"));

        var notification = Guid.NewGuid();
        await RelayAsync(organization, new NotificationChatRequested(notification, person, "assigned", "Ada assigned you PLAT-1: Fix <login>", "Fix <login>",
            "https://platform.example/inbox/" + notification) { OrganizationId = organization });
        await fixture.Host.Services.GetRequiredService<OutboundDispatcher>().DispatchDueAsync(Cancel);

        var message = JsonDocument.Parse(Assert.Single(_receiver.Requests).Body).RootElement;
        Assert.Equal($"<https://platform.example/inbox/{notification}|Ada assigned you PLAT-1: Fix &lt;login&gt;\nFix &lt;login&gt;>",
            message.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        var told = await LastMessageAsync(organization);
        Assert.Equal("platform.notification.chat-delivered", told.Type);
        var data = JsonDocument.Parse(told.Data).RootElement;
        Assert.Equal(notification, data.GetProperty("notificationId").GetGuid());
        Assert.True(data.GetProperty("sent").GetBoolean());
    }

    [Fact]
    public async Task A_chat_slack_says_is_gone_is_disconnected_and_the_failure_told_back()
    {
        var (organization, person) = (Guid.NewGuid(), Guid.NewGuid());
        await ConnectAsync(organization, person, "teams");
        _receiver.Answer = 410;
        var notification = Guid.NewGuid();
        await RelayAsync(organization, new NotificationChatRequested(notification, person, "comment", "A comment", "Hello", null) { OrganizationId = organization });
        await fixture.Host.Services.GetRequiredService<OutboundDispatcher>().DispatchDueAsync(Cancel);

        var types = await fixture.InTenantAsync(organization, services => services.GetRequiredService<WebhooksDbContext>().Set<OutboxMessage>()
            .Where(m => m.OrganizationId == organization).OrderBy(m => m.Sequence).Select(m => m.Type).ToListAsync(Cancel));
        Assert.Equal(["platform.member.chat-connected", "platform.member.chat-disconnected", "platform.notification.chat-delivered"], types);
        Assert.False(JsonDocument.Parse((await LastMessageAsync(organization)).Data).RootElement.GetProperty("sent").GetBoolean());

        // Nothing to post to any more: the request is answered at once.
        await RelayAsync(organization, new NotificationChatRequested(Guid.NewGuid(), person, "comment", "Another", "", null) { OrganizationId = organization });
        var last = JsonDocument.Parse((await LastMessageAsync(organization)).Data).RootElement;
        Assert.Equal("Not posted: no chat is connected any more.", last.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_chat_must_be_slack_or_teams_at_an_address_that_is_not_internal_and_is_the_persons_own_to_remove()
    {
        Assert.Equal(["format", "url"], new ChatInput("standard", "http://169.254.169.254/").Validate(allowPrivateAddresses: false).Keys.Order());
        var (organization, person) = (Guid.NewGuid(), Guid.NewGuid());
        var chat = await ConnectAsync(organization, person, "slack");
        Assert.False(await fixture.InTenantAsync(organization, services => services.GetRequiredService<PersonalChats>().DisconnectAsync(Guid.NewGuid(), chat.Id, Cancel)));
        Assert.False(await fixture.InTenantAsync(Guid.NewGuid(), services => services.GetRequiredService<PersonalChats>().DisconnectAsync(person, chat.Id, Cancel)));
        Assert.True(await fixture.InTenantAsync(organization, services => services.GetRequiredService<PersonalChats>().DisconnectAsync(person, chat.Id, Cancel)));
        Assert.Equal(("platform.member.chat-disconnected", person), await LastAnnouncedAsync(organization, "userId"));
    }

    private Task<ChatView> ConnectAsync(Guid organization, Guid person, string format) => fixture.InTenantAsync(organization, async services =>
        (await services.GetRequiredService<PersonalChats>().ConnectAsync(person, new ChatInput(format, _receiver.Address + format), Cancel))!);

    /// <summary>As the event consumer hands the request over: in the organization, inside a transaction.</summary>
    private Task RelayAsync(Guid organization, NotificationChatRequested requested) => fixture.InTenantAsync(organization, async services =>
    {
        var db = services.GetRequiredService<WebhooksDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        await services.GetRequiredService<ChatRelay>().HandleAsync(requested, Cancel);
        await transaction.CommitAsync(Cancel);
    });

    private Task<OutboxMessage> LastMessageAsync(Guid organization) => fixture.InTenantAsync(organization, services =>
        services.GetRequiredService<WebhooksDbContext>().Set<OutboxMessage>().Where(m => m.OrganizationId == organization).OrderBy(m => m.Sequence).LastAsync(Cancel));

    private async Task<(string Type, Guid Person)> LastAnnouncedAsync(Guid organization, string property)
    {
        var message = await LastMessageAsync(organization);
        return (message.Type, JsonDocument.Parse(message.Data).RootElement.GetProperty(property).GetGuid());
    }
}
