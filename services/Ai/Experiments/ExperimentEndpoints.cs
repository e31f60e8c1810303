using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Http;
using Platform.Ai.Models;
using Platform.Ai.Requests;

namespace Platform.Ai.Experiments;

public static class ExperimentEndpoints
{
    public static RouteGroupBuilder MapExperimentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/models", (ModelRegistry registry) => TypedResults.Ok(
                registry.Chat.Values.OrderBy(m => m.Name).Select(m => new RegistryModel(m.Name, m.Model, m.Local, m.InputCostPerMillion, m.OutputCostPerMillion))))
            .WithName("GetRegistryModels").WithTags("Experiments")
            .WithSummary("The chat models an experiment may compare")
            .WithDescription("The platform's registry of chat models: name (what an experiment names), model, whether it runs inside the platform, prices per million tokens.");
        api.MapGet("/experiments", (ExperimentOperation experiments, CancellationToken cancellationToken) => experiments.ListAsync(cancellationToken))
            .WithName("ListExperiments").WithTags("Experiments")
            .WithSummary("The organization's experiments, newest first, each with its report");
        api.MapGet("/experiments/{id:guid}", (Guid id, ExperimentOperation experiments, CancellationToken cancellationToken) => Refusing(() => experiments.ReportAsync(id, cancellationToken)))
            .WithName("GetExperiment").WithTags("Experiments")
            .WithSummary("An experiment's report")
            .WithDescription("Per arm: answers, errors, latency (mean, p95), tokens, cost, ratings and the helpful rate with its 95 % Wilson interval; " +
                "the variant's difference to the control in helpful rate and in latency, with 95 % intervals.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        var admin = api.MapGroup("/experiments").RequireAuthorization(policy => policy.RequireScope(PlatformScopes.OrganizationAdmin));
        admin.MapPost("", (ExperimentInput input, ExperimentOperation experiments, ClaimsPrincipal user, CancellationToken cancellationToken) => Refusing(async () =>
            {
                var started = await experiments.StartAsync(input, user, cancellationToken);
                return TypedResults.Created($"/experiments/{started.Id}", started);
            }))
            .WithName("StartExperiment").WithTags("Experiments")
            .WithSummary("Start an experiment")
            .WithDescription("variantShare percent of the organization's people (by a stable hash of person and experiment; with routeBy " +
                "conversation, of the conversation a question names) get the variant's model " +
                "and instructions, the others the control's. One runs at a time (409). Needs org:admin.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/promote", (Guid id, ExperimentOperation experiments, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                Refusing(() => experiments.PromoteAsync(id, user, cancellationToken)))
            .WithName("PromoteExperiment").WithTags("Experiments")
            .WithSummary("Make the variant what the organization uses, and end the experiment")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/stop", (Guid id, ExperimentOperation experiments, CancellationToken cancellationToken) => Refusing(() => experiments.StopAsync(id, cancellationToken)))
            .WithName("StopExperiment").WithTags("Experiments")
            .WithSummary("End the experiment, keeping what the organization used")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Refusing<T>(Func<Task<T>> operation)
    {
        try
        {
            var result = await operation();
            return result as IResult ?? TypedResults.Ok(result);
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

/// <summary>A model of the platform's registry, without its address or key.</summary>
public sealed record RegistryModel(string Name, string Model, bool Local, decimal? InputCostPerMillion, decimal? OutputCostPerMillion);
