using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Search;

namespace Platform.Ai.Tools;

/// <summary>Finding tasks and documents by meaning and words: the way into a project an assistant does not know yet.</summary>
[McpServerToolType]
[Toolset("search")]
public sealed class SearchTools(SearchOperation search, IHttpContextAccessor context)
{
    [McpServerTool(Name = "search", Title = "Search tasks and documents", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Searches the organization's tasks (titles, descriptions, comments) and documents, by words and by similarity, best match first. " +
        "Each hit names the task key or document id (for get_task / read_document), the best-matching passage with query words in **bold**, and its resource URI. " +
        "Query syntax: plain words; \"quoted phrase\"; -word to exclude; or. Pass nextCursor back as cursor for more.")]
    public Task<Page<SearchResult>> Search(
        [Description("What to look for, in words (at most 1000 characters).")] string query,
        [Description("tasks or documents; both when left out.")] string? kind = null,
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        [Description("Hits per page, 1 to 50.")] int limit = SearchOperation.DefaultLimit,
        [Description("nextCursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        // A refusal of the operation (RequestRefusedException) becomes a tool error in ToolAudit.
        search.SearchAsync(new SearchRequest(query, kind, project, limit, cursor), context.HttpContext!.User, cancellationToken);
}
