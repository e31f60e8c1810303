using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Api;
using Platform.Ai.Http;
using Platform.Ai.Requests;

namespace Platform.Ai.Search;

public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search)
            .WithName("Search").WithTags("Search")
            .WithSummary("Search tasks and documents")
            .WithDescription("The organization's tasks (titles, descriptions, comments) and documents, by words and by similarity, best first, " +
                "of the kinds the token may read (tasks: projects:read, documents: docs:read). Each hit carries the best passage with the " +
                "query words in **bold**. Query syntax: plain words; \"quoted phrase\"; -word to exclude; or.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/search/index", (IndexProgress progress, CancellationToken cancellationToken) => progress.DescribeAsync(cancellationToken))
            .WithName("GetSearchIndex").WithTags("Search")
            .WithSummary("How far the search index is embedded")
            .WithDescription("The organization's embedding model and its passages: how many it has embedded, how many wait (found by full text " +
                "only meanwhile, e.g. after a change of model). problem: why embedding stopped, when the organization's own embeddings endpoint " +
                "failed. Asking also starts embedding what waits.");
        api.MapGet("/search/weights", (SearchWeights weights, CancellationToken cancellationToken) => weights.ViewAsync(cancellationToken))
            .WithName("GetSearchWeights").WithTags("Search")
            .WithSummary("How search weighs words against meaning, learned from rated answers")
            .WithDescription("Search fuses full-text and vector rankings with these weights. Each answer searches with one of a few weights, " +
                "drawn so that those whose answers were rated helpful are used more (Thompson sampling); plain searches use the weight whose " +
                $"answers were rated best once it has {FusionTuning.MinimumRatings} ratings and beats the default. Ratings of the last 90 days count.");
        return api;
    }

    public static async Task<Results<Ok<Page<SearchResult>>, ValidationProblem, ProblemHttpResult>> Search(
        SearchOperation search, ClaimsPrincipal user, CancellationToken cancellationToken,
        [Description("What to look for (1 to 1000 characters).")] string? q = null,
        [Description("tasks or documents; both (those the token may read) when left out.")] string? kind = null,
        [Description("A project key, such as PLAT; every project when left out.")] string? project = null,
        [Description("Hits per page, 1 to 50 (10 when left out).")] int? limit = null,
        [Description("The nextCursor of the previous page.")] string? cursor = null)
    {
        try
        {
            return TypedResults.Ok(await search.SearchAsync(
                new SearchRequest(q, kind, project, limit ?? SearchOperation.DefaultLimit, cursor), user, cancellationToken));
        }
        catch (InvalidArgumentException refusal)
        {
            return ApiRefusals.Invalid(refusal, ("query", "q"));
        }
        catch (RequestRefusedException refusal)
        {
            return ApiRefusals.Problem(refusal);
        }
    }
}
