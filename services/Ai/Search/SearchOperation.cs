using System.Security.Claims;
using Platform.Ai.Api;
using Platform.Ai.Data;
using Platform.Ai.Requests;
using Platform.Ai.Resources;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>A task or document found: its task key or document id, the best passage with the query words in **bold**, and its resource URI.</summary>
/// <param name="File">The attached file the words were found in, when they were found in one.</param>
public sealed record SearchResult(string Kind, string Key, string Title, string Snippet, double Score, string Uri, DateTimeOffset UpdatedAt, string? File = null);

/// <summary>What to look for; kind (tasks or documents), project (a key) and cursor (a nextCursor) may be left out.</summary>
public sealed record SearchRequest(string? Query, string? Kind, string? Project, int Limit, string? Cursor);

/// <summary>
/// The organization's tasks and documents that match a query (<see cref="HybridSearch"/>), best first, a page at a time,
/// of the kinds the caller's token may read: tasks need projects:read, documents docs:read. The MCP tool <c>search</c>
/// and <c>GET /search</c> both ask this.
/// </summary>
public sealed class SearchOperation(HybridSearch search, SearchWeights weights, ProjectLookup projects, TenantContext tenant)
{
    public const int MaxQueryLength = 1000;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public async Task<Page<SearchResult>> SearchAsync(SearchRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var text = Limits.Text(request.Query, "query", MaxQueryLength);
        var limit = Limits.PageSize(request.Limit, "limit", MaxLimit);
        var offset = ReadCursor(request.Cursor);
        var kinds = Kinds(request.Kind, user);
        var projectId = await projects.FindAsync(request.Project, cancellationToken);
        var organization = tenant.RequiredOrganizationId;

        // One more than a page tells whether another follows.
        var fusion = await weights.ForSearchAsync(cancellationToken);
        var hits = await search.SearchAsync(organization, new SearchQuery(text, kinds, projectId, fusion), offset, limit + 1, cancellationToken);
        var next = hits.Count > limit && offset + limit < HybridSearch.MaxResults ? $"o{offset + limit}" : null;
        return new Page<SearchResult>([.. hits.Take(limit).Select(hit => Result(hit, organization))], next);
    }

    /// <summary>The kinds asked for (both when <paramref name="kind"/> is left out) that the token may read.</summary>
    public static SourceKind[] Kinds(string? kind, ClaimsPrincipal user)
    {
        SourceKind[] asked = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => [SourceKind.Task, SourceKind.Document],
            "tasks" or "task" => [SourceKind.Task],
            "documents" or "document" or "docs" => [SourceKind.Document],
            _ => throw new InvalidArgumentException("kind", $"tasks or documents, not '{kind}'."),
        };
        var allowed = asked.Where(k => user.HasScope(k == SourceKind.Task ? PlatformScopes.ProjectsRead : PlatformScopes.DocsRead)).ToArray();
        return allowed.Length > 0 ? allowed
            : throw new ScopeMissingException($"Searching {string.Join(" and ", asked.Select(k => k == SourceKind.Task ? "tasks needs the scope projects:read" : "documents needs the scope docs:read"))}, which this token lacks.");
    }

    public static SearchResult Result(SearchHit hit, Guid organization) => hit.Kind == SourceKind.Document
        ? new SearchResult("document", hit.Key, hit.Title, hit.Snippet, hit.Score, PlatformResources.DocumentUri(organization, Guid.Parse(hit.Key)), hit.UpdatedAt, hit.File)
        : new SearchResult("task", hit.Key, hit.Title, hit.Snippet, hit.Score, PlatformResources.TaskUri(organization, hit.Key), hit.UpdatedAt, hit.File);

    /// <summary>A search cursor is the offset of the next page in the ranking, as o20: the ranking is recomputed per page.</summary>
    private static int ReadCursor(string? cursor) =>
        cursor is null ? 0
        : cursor.StartsWith('o') && int.TryParse(cursor.AsSpan(1), out var offset) && offset is >= 0 and < HybridSearch.MaxResults ? offset
        : throw new InvalidArgumentException("cursor", $"'{cursor}' is not a nextCursor of this search.");
}
