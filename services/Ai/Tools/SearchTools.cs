using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Data;
using Platform.Ai.Resources;
using Platform.Ai.Search;

namespace Platform.Ai.Tools;

public sealed record SearchResult(string Kind, string Key, string Title, string Snippet, double Score, string Uri, DateTimeOffset UpdatedAt);

/// <summary>Finding tasks and documents by meaning and words: the way into a project an assistant does not know yet.</summary>
[McpServerToolType]
[Toolset("search")]
public sealed class SearchTools(HybridSearch search, PlatformApi api, IHttpContextAccessor context)
{
    public const int MaxQueryLength = 1000;

    [McpServerTool(Name = "search", Title = "Search tasks and documents", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Searches the organization's tasks (titles, descriptions, comments) and documents, by words and by similarity, best match first. " +
        "Each hit names the task key or document id (for get_task / read_document), the best-matching passage with query words in **bold**, and its resource URI. " +
        "Query syntax: plain words; \"quoted phrase\"; -word to exclude; or. Pass nextCursor back as cursor for more.")]
    public async Task<Page<SearchResult>> Search(
        [Description("What to look for, in words (at most 1000 characters).")] string query,
        [Description("tasks or documents; both when left out.")] string? kind = null,
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        [Description("Hits per page, 1 to 50.")] int limit = 10,
        [Description("nextCursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var text = query.Trim();
        if (text.Length is 0 or > MaxQueryLength)
        {
            throw new McpException($"Argument 'query': 1 to {MaxQueryLength} characters.");
        }
        limit = Arguments.Limit(limit, nameof(limit), 50);
        var offset = ReadCursor(cursor);
        var user = context.HttpContext!.User;
        var organization = Guid.Parse(PlatformResources.Organization(context.HttpContext));
        var projectId = project is null ? (Guid?)null
            : await api.ProjectIdAsync(Arguments.Key(project, nameof(project)), cancellationToken);

        var hits = await search.SearchAsync(organization, new SearchQuery(text, Kinds(kind, user), projectId), offset, limit + 1, cancellationToken);
        var next = hits.Count > limit && offset + limit < HybridSearch.MaxResults ? $"o{offset + limit}" : null;
        return new Page<SearchResult>([.. hits.Take(limit).Select(hit => Result(hit, organization))], next);
    }

    /// <summary>The kinds asked for that the token may read: tasks need projects:read, documents docs:read.</summary>
    internal static SourceKind[] Kinds(string? kind, System.Security.Claims.ClaimsPrincipal user)
    {
        SourceKind[] asked = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => [SourceKind.Task, SourceKind.Document],
            "tasks" or "task" => [SourceKind.Task],
            "documents" or "document" or "docs" => [SourceKind.Document],
            _ => throw new McpException($"Argument 'kind': tasks or documents, not '{kind}'."),
        };
        var allowed = asked.Where(k => user.HasScope(k == SourceKind.Task ? "projects:read" : "docs:read")).ToArray();
        return allowed.Length > 0 ? allowed
            : throw new McpException($"Searching {string.Join(" and ", asked.Select(k => k == SourceKind.Task ? "tasks needs the scope projects:read" : "documents needs the scope docs:read"))}, which this token lacks.");
    }

    internal static SearchResult Result(SearchHit hit, Guid organization) => hit.Kind == SourceKind.Document
        ? new SearchResult("document", hit.Key, hit.Title, hit.Snippet, hit.Score, PlatformResources.DocumentUri(organization, Guid.Parse(hit.Key)), hit.UpdatedAt)
        : new SearchResult("task", hit.Key, hit.Title, hit.Snippet, hit.Score, PlatformResources.TaskUri(organization, hit.Key), hit.UpdatedAt);

    /// <summary>A search cursor is the offset of the next page in the ranking, as o20.</summary>
    private static int ReadCursor(string? cursor) =>
        cursor is null ? 0
        : cursor.StartsWith('o') && int.TryParse(cursor.AsSpan(1), out var offset) && offset is >= 0 and < HybridSearch.MaxResults ? offset
        : throw new McpException($"Argument 'cursor': '{cursor}' is not a nextCursor this tool returned.");

}
