using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Ai.Models;

public static class ModelEndpoints
{
    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/models", Describe)
            .WithName("GetModels").WithTags("Models")
            .WithSummary("The models configured")
            .WithDescription("The embedding model search uses, and the chat model that answers questions: null when none is configured, " +
                "in which case POST /ask answers 503.");
        return api;
    }

    public static Ok<ConfiguredModels> Describe(ModelCatalog models) => TypedResults.Ok(models.Describe());
}
