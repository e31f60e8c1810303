using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Analytics.Flow;
using Platform.Analytics.Http;

namespace Platform.Analytics.Risks;

public static class RiskEndpoints
{
    public static RouteGroupBuilder MapRiskEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{key}/risks", Risks)
            .WithName("GetRisks")
            .WithSummary("A project's risks, with their reasons")
            .WithDescription("The project's risk score (0–100) and level, its own reasons (work arriving faster than it is done, a forecast after " +
                "the last due date), and its open tasks at risk, riskiest first, each with its score, level (low below 25, medium below 50, high) " +
                "and reasons in words: overdue, due before it will likely be done, on the critical path or with little float, waiting on late " +
                "work, in progress longer than 85 % of finished work, nobody assigned as it starts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<ProjectRiskView>, ProblemHttpResult>> Risks(
        ProjectFlows flows, ProjectRisks risks, string key, CancellationToken cancellationToken) =>
        await flows.FindAsync(key, cancellationToken) is { } project
            ? TypedResults.Ok(await risks.AssessAsync(project, cancellationToken))
            : AnalyticsProblems.ProjectNotFound(key);
}
