using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Analytics.Http;

namespace Platform.Analytics.Flow;

public static class FlowEndpoints
{
    public static RouteGroupBuilder MapFlowEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{key}/flow", Metrics)
            .WithName("GetFlowMetrics")
            .WithSummary("Flow metrics of a project")
            .WithDescription("Throughput and arrivals per week, cycle and lead time percentiles of the work finished in those weeks, the work " +
                "in progress with its age (aging: older than the 85th-percentile cycle time) and the cumulative flow at each week's end; " +
                "for the whole project or the tasks of a label, an assignee or a parent task.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<FlowMetricsView>, ValidationProblem, ProblemHttpResult>> Metrics(
        ProjectFlows flows, string key, CancellationToken cancellationToken,
        [Description("How many recent weeks, 1 to 156 (13 when left out).")] int weeks = 13,
        [Description("Only tasks with this label.")] string? label = null,
        [Description("Only tasks of this assignee (a user id).")] Guid? assignee = null,
        [Description("Only subtasks of this task (its key).")] string? parent = null)
    {
        if (weeks is < 1 or > 156)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["Weeks are 1 to 156."] });
        }
        if (await flows.FindAsync(key, cancellationToken) is not { } project)
        {
            return AnalyticsProblems.ProjectNotFound(key);
        }
        return TypedResults.Ok(await flows.MetricsAsync(project, new FlowFilter(label, assignee, parent?.ToUpperInvariant()), weeks, cancellationToken));
    }
}
