using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Data;

namespace Platform.Ai.Tools;

public sealed record ActivityItem(DateTimeOffset At, string Kind, string Subject, string Title, string Actor, string Summary);

/// <summary>What happened lately: how an assistant catches up with a project before it plans or reports.</summary>
[McpServerToolType]
[Toolset("projects")]
public sealed class ActivityTools(AiDbContext db, PlatformApi api, IHttpContextAccessor context)
{
    [McpServerTool(Name = "get_recent_activity", Title = "Recent activity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("What happened to tasks and documents lately, newest first: created, changed (which fields), moved between states, commented, " +
        "edited, deleted; with the task key or document id and who acted. Pass nextCursor back as cursor for older entries.")]
    public async Task<Page<ActivityItem>> GetRecentActivity(
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        [Description("Only what happened at or after this time (ISO 8601).")] DateTimeOffset? since = null,
        [Description("Entries per page, 1 to 100.")] int limit = 20,
        [Description("nextCursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        limit = Arguments.Limit(limit, nameof(limit), 100);
        var (beforeAt, beforeId) = ReadCursor(cursor);
        var user = context.HttpContext!.User;
        var (tasks, documents) = (user.HasScope("projects:read"), user.HasScope("docs:read"));
        if (!tasks && !documents)
        {
            throw new McpException("Recent activity needs the scope projects:read (tasks) or docs:read (documents), which this token lacks.");
        }
        var projectId = project is null ? (Guid?)null : await api.ProjectIdAsync(Arguments.Key(project, nameof(project)), cancellationToken);

        // Row-level security keeps this to the caller's organization.
        var entries = await db.Activity.AsNoTracking()
            .Where(e => projectId == null || e.ProjectId == projectId)
            .Where(e => since == null || e.OccurredAt >= since)
            .Where(e => beforeAt == null || e.OccurredAt < beforeAt || (e.OccurredAt == beforeAt && e.Id < beforeId))
            .Where(e => (tasks && e.Kind.StartsWith("task.")) || (documents && e.Kind.StartsWith("document.")))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var page = entries.Take(limit).ToList();
        return new Page<ActivityItem>(
            page.ConvertAll(e => new ActivityItem(e.OccurredAt, e.Kind, e.Subject, e.Title, e.Actor, e.Summary)),
            entries.Count > limit ? $"{page[^1].OccurredAt.UtcTicks}.{page[^1].Id}" : null);
    }

    /// <summary>A cursor is the last entry of the previous page: when it happened (ticks) and its id.</summary>
    private static (DateTimeOffset? At, long Id) ReadCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (null, 0);
        }
        var parts = cursor.Split('.');
        return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks is > 0 and <= 3155378975999999999 && long.TryParse(parts[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw new McpException($"Argument 'cursor': '{cursor}' is not a nextCursor this tool returned.");
    }
}
