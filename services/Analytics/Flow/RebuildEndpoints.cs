using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Analytics.Flow;

public static class RebuildEndpoints
{
    public static RouteGroupBuilder MapRebuildEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projection/rebuild", Rebuild)
            .WithName("RebuildProjection")
            .WithSummary("Rebuild the organization's flow projection from its event journal")
            .WithDescription("Replays every event analytics has kept for the organization and replaces the flow records with the result, in one " +
                "transaction; running it again gives the same records. Needs org:admin.");
        return api;
    }

    public static async Task<Ok<RebuildResult>> Rebuild(FlowRebuild rebuild, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuild.RunAsync(cancellationToken));
}
