using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Api;
using Platform.Ai.Data;
using Platform.Ai.Requests;

namespace Platform.Ai.Activity;

/// <summary>Something that happened to a task or document: task key or document id (subject), who acted, and what they did.</summary>
public sealed record ActivityItem(DateTimeOffset At, string Kind, string Subject, string Title, string Actor, string Summary);

/// <summary>Which part of the feed to read; all of it may be left out.</summary>
public sealed record ActivityRequest(string? Project, DateTimeOffset? Since, int Limit, string? Cursor);

/// <summary>
/// What happened lately (<see cref="ActivityLog"/> writes it from the platform's events), newest first, a page at a
/// time: task entries for a token with projects:read, document entries for one with docs:read. The MCP tool
/// <c>get_recent_activity</c> and <c>GET /activity</c> both read this.
/// </summary>
public sealed class ActivityFeed(AiDbContext db, ProjectLookup projects)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<Page<ActivityItem>> ReadAsync(ActivityRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var limit = Limits.PageSize(request.Limit, "limit", MaxLimit);
        var (beforeAt, beforeId) = ReadCursor(request.Cursor);
        var (tasks, documents) = (user.HasScope(PlatformScopes.ProjectsRead), user.HasScope(PlatformScopes.DocsRead));
        if (!tasks && !documents)
        {
            throw new ScopeMissingException("Recent activity needs the scope projects:read (tasks) or docs:read (documents), which this token lacks.");
        }
        var projectId = await projects.FindAsync(request.Project, cancellationToken);
        var since = request.Since;

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
            entries.Count > limit ? $"{page[^1].OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{page[^1].Id.ToString(CultureInfo.InvariantCulture)}" : null);
    }

    /// <summary>A cursor is the last entry of the previous page: when it happened (ticks) and its id, which breaks ties.</summary>
    private static (DateTimeOffset? At, long Id) ReadCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (null, 0);
        }
        var parts = cursor.Split('.');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and <= 3155378975999999999
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw new InvalidArgumentException("cursor", $"'{cursor}' is not a nextCursor of this feed.");
    }
}
