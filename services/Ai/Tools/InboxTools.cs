using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>The signed-in person's notifications: how an assistant answers "what needs me?" and clears what it dealt with.</summary>
[McpServerToolType]
[Toolset("projects")]
public sealed class InboxTools(PlatformApi api)
{
    [McpServerTool(Name = "get_inbox", Title = "Your notifications", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The signed-in person's notifications, newest first, with how many are unread: assigned to them, mentioned, comments and moves " +
        "on tasks they watch, tasks due tomorrow or at risk, merged pull requests, automation notices, security notices (critical: a token made " +
        "in their name, a new owner). Lead with what needs them: assignments, mentions, risks and security notices; name the task keys. " +
        "Pass next back as 'before' for older ones.")]
    public Task<InboxNotifications> GetInbox(
        [Description("unread (default), inbox (everything not archived or snoozed), snoozed or archived.")] string view = "unread",
        [Description("Notifications per page, 1 to 100.")] int limit = 20,
        [Description("next of the previous page.")] Guid? before = null,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<InboxNotifications>(
            // The service checks the view and says which ones there are.
            $"{PlatformApi.Notifications}/inbox?view={Uri.EscapeDataString(view)}&limit={Arguments.Limit(limit, nameof(limit), 100)}" +
            (before is { } cursor ? $"&before={cursor}" : ""),
            cancellationToken);

    [McpServerTool(Name = "mark_notifications_read", Title = "Mark notifications read", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Marks the person's notifications read once they are dealt with: the ids given, or with all=true everything in their inbox.")]
    public async Task<NotificationsRead> MarkNotificationsRead(
        [Description("The notifications' ids (from get_inbox).")] Guid[]? ids = null,
        [Description("Everything in the inbox instead.")] bool all = false,
        CancellationToken cancellationToken = default)
    {
        if (all)
        {
            return await api.PostAsync<NotificationsRead>($"{PlatformApi.Notifications}/inbox/read-all", new { }, cancellationToken);
        }

        foreach (var id in ids ?? [])
        {
            await api.PatchAsync<InboxNotification>($"{PlatformApi.Notifications}/inbox/{id}", new { read = true }, cancellationToken);
        }

        return new NotificationsRead(ids?.Length ?? 0);
    }
}
