using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;
using Platform.Webhooks.Data;
using Platform.Webhooks.Outbound;

namespace Platform.Webhooks.Chat;

/// <summary>A Slack or Teams incoming webhook a member connects for their own notifications.</summary>
public sealed record ChatInput(string? Format, string? Url)
{
    public Dictionary<string, string[]> Validate(bool allowPrivateAddresses)
    {
        var errors = new Dictionary<string, string[]>();
        if (Format is not (OutboundMessages.Slack or OutboundMessages.Teams))
        {
            errors["format"] = [$"{OutboundMessages.Slack} or {OutboundMessages.Teams}."];
        }

        if (EndpointInput.UrlError(Url, allowPrivateAddresses) is { } error)
        {
            errors["url"] = [error];
        }

        return errors;
    }
}

/// <summary>A member's chat as they see it (the address is a secret: only its host is shown).</summary>
public sealed record ChatView(Guid Id, string Format, string Host, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static ChatView Of(WebhookEndpoint e) => new(e.Id, e.Format, new Uri(e.Url).Host, e.CreatedAt, e.DisabledAt, e.DisabledReason);
}

/// <summary>
/// Members' own chats: endpoints that receive only their notifications. Connecting and disconnecting one is announced,
/// in the same commit, so the notifications service knows whose notifications can go to chat.
/// </summary>
public sealed class PersonalChats(WebhooksDbContext db, TenantContext tenant, TimeProvider clock, IOptions<OutboundOptions> options)
{
    public const int MaxPerPerson = 5;

    public bool AllowsPrivateAddresses => options.Value.AllowPrivateAddresses;

    public async Task<List<ChatView>> ListAsync(Guid user, CancellationToken cancellationToken) =>
        (await db.Endpoints.AsNoTracking().Where(e => e.Recipient == user).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken)).ConvertAll(ChatView.Of);

    /// <summary>The new chat, or null when the person has as many as they may.</summary>
    public async Task<ChatView?> ConnectAsync(Guid user, ChatInput input, CancellationToken cancellationToken)
    {
        if (await db.Endpoints.CountAsync(e => e.Recipient == user, cancellationToken) >= MaxPerPerson)
        {
            return null;
        }

        var chat = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            OrganizationId = tenant.RequiredOrganizationId,
            Url = input.Url!,
            Description = "Personal chat",
            Format = input.Format!,
            EventTypes = [OutboundEventTypes.Notification],
            Secret = Signatures.StandardWebhooks.NewSecret(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.ToString(),
            Recipient = user,
        };
        db.Endpoints.Add(chat);
        db.AddIntegrationEvent(new ChatConnected(user, chat.Id, chat.Format) { OrganizationId = chat.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        return ChatView.Of(chat);
    }

    public async Task<bool> DisconnectAsync(Guid user, Guid id, CancellationToken cancellationToken)
    {
        var chat = await db.Endpoints.SingleOrDefaultAsync(e => e.Recipient == user && e.Id == id, cancellationToken);
        if (chat is null)
        {
            return false;
        }

        db.Endpoints.Remove(chat);
        if (chat.DisabledAt is null)
        {
            db.AddIntegrationEvent(new ChatDisconnected(user, chat.Id) { OrganizationId = chat.OrganizationId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
