using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Activity;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>What happened lately: how an assistant catches up with a project before it plans or reports.</summary>
[McpServerToolType]
[Toolset("projects")]
public sealed class ActivityTools(ActivityFeed feed, IHttpContextAccessor context)
{
    [McpServerTool(Name = "get_recent_activity", Title = "Recent activity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("What happened to tasks and documents lately, newest first: created, changed (which fields), moved between states, commented, " +
        "edited, deleted; with the task key or document id and who acted. Pass nextCursor back as cursor for older entries.")]
    public Task<Page<ActivityItem>> GetRecentActivity(
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        [Description("Only what happened at or after this time (ISO 8601).")] DateTimeOffset? since = null,
        [Description("Entries per page, 1 to 100.")] int limit = ActivityFeed.DefaultLimit,
        [Description("nextCursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        // A refusal of the feed (RequestRefusedException) becomes a tool error in ToolAudit.
        feed.ReadAsync(new ActivityRequest(project, since, limit, cursor), context.HttpContext!.User, cancellationToken);
}
