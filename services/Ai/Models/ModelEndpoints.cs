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
            .WithDescription("The embedding model search uses, and the chat model that answers the organization's questions: null when none " +
                "serves it (none configured, or the organization allows only local models), in which case POST /ask answers 503.");
        api.MapGet("/settings/models", (ModelSettingsOperation settings, CancellationToken cancellationToken) => settings.GetAsync(cancellationToken))
            .WithName("GetModelSettings").WithTags("Models")
            .WithSummary("The organization's model settings")
            .WithDescription("Whether only local models may serve the organization, and its own chat endpoint (the key only as whether there is one).");
        api.MapPut("/settings/models", SetSettings)
            .RequireAuthorization(policy => policy.RequireScope(PlatformScopes.OrganizationAdmin))
            .WithName("SetModelSettings").WithTags("Models")
            .WithSummary("Change the organization's model settings")
            .WithDescription("localOnly: the platform's external models no longer see the organization's data (questions are answered only by a " +
                "local model or the organization's own endpoint). chat: the organization's own OpenAI-compatible endpoint (public addresses only), " +
                "model and key (stored encrypted; left out, the saved key is kept); null removes it. Needs org:admin.");
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
