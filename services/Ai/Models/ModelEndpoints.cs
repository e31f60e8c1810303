using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Http;
using Platform.Ai.Requests;

namespace Platform.Ai.Models;

public static class ModelEndpoints
{
    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/models", Describe)
            .WithName("GetModels").WithTags("Models")
            .WithSummary("The models configured")
            .WithDescription("The embedding model the organization's search uses, and the chat model that answers the organization's questions: null when none " +
                "serves it (none configured, or the organization allows only local models), in which case POST /ask answers 503.");
        api.MapGet("/settings/models", (ModelSettingsOperation settings, CancellationToken cancellationToken) => settings.GetAsync(cancellationToken))
            .WithName("GetModelSettings").WithTags("Models")
            .WithSummary("The organization's model settings")
            .WithDescription("Whether only local models may serve the organization, and its own chat and embeddings endpoints (keys only as whether there is one).");
        api.MapPut("/settings/models", SetSettings)
            .RequireAuthorization(policy => policy.RequireScope(PlatformScopes.OrganizationAdmin))
            .WithName("SetModelSettings").WithTags("Models")
            .WithSummary("Change the organization's model settings")
            .WithDescription("localOnly: the platform's external models no longer see the organization's data (questions are answered only by a " +
                "local model or the organization's own endpoint; passages and searches are embedded by the local model or the organization's own " +
                "embeddings endpoint). chat, embeddings: the organization's own OpenAI-compatible endpoints (public addresses only), model and key " +
                "(stored encrypted; left out, the saved key is kept); null removes one. A new embedding model embeds the organization's passages " +
                "again in the background (GET /search/index shows how far); they are found by full text meanwhile. Needs org:admin.");
        return api;
    }

    public static async Task<Results<Ok<ModelSettingsView>, ValidationProblem, ProblemHttpResult>> SetSettings(
        ModelSettingsInput input, ModelSettingsOperation settings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await settings.SetAsync(input, user, cancellationToken));
        }
        catch (InvalidArgumentException refusal)
        {
            return ApiRefusals.Invalid(refusal);
        }
    }

    public static async Task<Ok<ConfiguredModels>> Describe(ModelCatalog models, CancellationToken cancellationToken) =>
        TypedResults.Ok(await models.DescribeAsync(cancellationToken));
}
