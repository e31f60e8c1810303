using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;
using Platform.Notifications.People;

namespace Platform.Notifications.Rules;

/// <summary>
/// What the organization's people must know whatever they chose to hear (critical): a personal access token made in
/// their name, a new owner. And, to the endpoint's creator and the owners, an outbound webhook endpoint that was
/// disabled. Runs after <see cref="PeopleDirectory"/>.
/// </summary>
public sealed class SecurityNotices(NotificationsDbContext db, Notifier notifier, Members members)
    : IHandles<AccessTokenCreated>, IHandles<MemberJoined>, IHandles<MemberRoleChanged>, IHandles<WebhookEndpointDisabled>, IHandles<FileQuarantined>
{
    private const string Owner = "owner";

    public async Task HandleAsync(AccessTokenCreated created, CancellationToken cancellationToken) =>
        await notifier.TellAsync(created, await members.RecipientsAsync(created.OrganizationId, [created.UserId.ToString()], cancellationToken), new Notice(
            NoticeKinds.TokenCreated, TemplateNames.TokenCreated,
            new Dictionary<string, object> { ["name"] = created.Name, ["scopes"] = string.Join(", ", created.Scopes), ["expires"] = DateOnly.FromDateTime(created.ExpiresAt.UtcDateTime) },
            "settings/tokens", null, created.UserId.ToString(), Critical: true), cancellationToken);

    /// <summary>The other owners hear of one who joined as an owner (a founder has none to tell).</summary>
    public Task HandleAsync(MemberJoined joined, CancellationToken cancellationToken) =>
        joined.Role == Owner ? NewOwnerAsync(joined, joined.UserId, toldToThem: false, cancellationToken) : Task.CompletedTask;

    /// <summary>Every owner hears of a member made owner, they too: a role they did not expect is worth a look.</summary>
    public Task HandleAsync(MemberRoleChanged changed, CancellationToken cancellationToken) =>
        changed.ToRole == Owner && changed.FromRole != Owner ? NewOwnerAsync(changed, changed.UserId, toldToThem: true, cancellationToken) : Task.CompletedTask;

    public async Task HandleAsync(WebhookEndpointDisabled disabled, CancellationToken cancellationToken)
    {
        var concerned = (await members.RecipientsAsync(disabled.OrganizationId, [disabled.CreatedBy], cancellationToken)).Union(await OwnersAsync(cancellationToken));
        await notifier.TellAsync(disabled, concerned, new Notice(
            NoticeKinds.EndpointDisabled, TemplateNames.EndpointDisabled, new Dictionary<string, object> { ["url"] = disabled.Url, ["reason"] = disabled.Reason },
            $"settings/webhooks/{disabled.EndpointId}", null, ""), cancellationToken);
    }

    /// <summary>The uploader of a file the virus scanner found something in: it is quarantined, and where it came from needs a look.</summary>
    public async Task HandleAsync(FileQuarantined quarantined, CancellationToken cancellationToken)
    {
        var task = quarantined.TaskId is { } taskId ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.TaskId == taskId, cancellationToken) : null;
        var link = task is not null ? $"tasks/{task.Key}" : quarantined.TargetKind == "document" ? $"documents/{quarantined.TargetId}" : null;
        await notifier.TellAsync(quarantined, await members.RecipientsAsync(quarantined.OrganizationId, [quarantined.UploadedBy.ToString()], cancellationToken), new Notice(
            NoticeKinds.FileQuarantined, TemplateNames.FileQuarantined,
            new Dictionary<string, object> { ["name"] = quarantined.Name, ["signature"] = quarantined.Signature },
            link, task?.Key, "", Critical: true), cancellationToken);
    }

    private async Task NewOwnerAsync(IntegrationEvent happened, Guid userId, bool toldToThem, CancellationToken cancellationToken)
    {
        var name = await members.NameOfAsync(happened.OrganizationId, userId.ToString(), cancellationToken);
        var owners = (await OwnersAsync(cancellationToken)).Where(owner => toldToThem || owner != userId);
        await notifier.TellAsync(happened, owners, new Notice(
            NoticeKinds.OwnerAdded, TemplateNames.OwnerAdded, new Dictionary<string, object> { ["name"] = name },
            "settings/organization", null, "", Critical: true), cancellationToken);
    }

    /// <summary>The organization's owners who have not left: told as they are.</summary>
    private Task<List<Guid>> OwnersAsync(CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Active && p.Role == Owner).Select(p => p.UserId).ToListAsync(cancellationToken);
}
