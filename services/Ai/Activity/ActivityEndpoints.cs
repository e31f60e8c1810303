using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Api;
using Platform.Ai.Http;
using Platform.Ai.Requests;

namespace Platform.Ai.Activity;

public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/activity", Read)
            .WithName("GetActivity").WithTags("Activity")
            .WithSummary("Recent activity")
            .WithDescription("What happened to tasks (with projects:read) and documents (with docs:read), newest first: created, changed, " +
                "moved, commented, edited, deleted; with the task key or document id and who acted.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<ActivityItem>>, ValidationProblem, ProblemHttpResult>> Read(
        ActivityFeed feed, ClaimsPrincipal user, CancellationToken cancellationToken,
        [Description("A project key, such as PLAT; every project when left out.")] string? project = null,
        [Description("Only what happened at or after this time (ISO 8601).")] DateTimeOffset? since = null,
        [Description("Entries per page, 1 to 100 (20 when left out).")] int? limit = null,
        [Description("The nextCursor of the previous page.")] string? cursor = null)
    {
        try
        {
            return TypedResults.Ok(await feed.ReadAsync(new ActivityRequest(project, since, limit ?? ActivityFeed.DefaultLimit, cursor), user, cancellationToken));
        }
        catch (InvalidArgumentException refusal)
        {
            return ApiRefusals.Invalid(refusal);
        }
        catch (RequestRefusedException refusal)
        {
            return ApiRefusals.Problem(refusal);
        }
    }
}
