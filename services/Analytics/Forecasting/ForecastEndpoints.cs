using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Analytics.Flow;
using Platform.Analytics.Http;

namespace Platform.Analytics.Forecasting;

public static class ForecastEndpoints
{
    public static RouteGroupBuilder MapForecastEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{key}/forecasts", Forecast)
            .WithName("Forecast")
            .WithSummary("Forecast when the work is done, or how much is done by a day")
            .WithDescription("Monte Carlo on the project's own weekly throughput (10,000 seeded trials over the last 13 weeks by default): " +
                "P50/P85/P95 dates for the open tasks in scope, or P50/P85/P95 counts by a day. Commit to P85; P50 is a coin toss. With " +
                "fewer than 20 tasks done or 6 weeks of history it falls back on PERT along the critical chain of the tasks' own " +
                "three-point estimates, and says so. \"When\" forecasts are kept and scored once their work closes (calibration).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/projects/{key}/forecasts/calibration", Calibration)
            .WithName("GetForecastCalibration")
            .WithSummary("How the project's forecasts came out")
            .WithDescription("Of the kept forecasts whose tasks have all closed: the share that closed by P85 (80–90 % is calibrated) and by P95, " +
                "and the mean distance in days between P50 and the real day. Under howMany, the same for \"how many by a day\" forecasts whose day " +
                "has passed: the share where at least the P85 (P95) count was done, and how many tasks P50 was off.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<ForecastView>, ValidationProblem, ProblemHttpResult>> Forecast(
        ProjectFlows flows, ForecastOperation forecasts, TimeProvider clock, string key, ForecastRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(FlowMetrics.Day(clock.GetUtcNow())) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await flows.FindAsync(key, cancellationToken) is not { } project)
        {
            return AnalyticsProblems.ProjectNotFound(key);
        }
        try
        {
            return TypedResults.Ok(await forecasts.ForecastAsync(project, request, cancellationToken));
        }
        catch (CannotForecastException refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Cannot forecast", detail: refusal.Message);
        }
    }

    public static async Task<Results<Ok<CalibrationView>, ProblemHttpResult>> Calibration(
        ProjectFlows flows, ForecastCalibration calibration, string key, CancellationToken cancellationToken) =>
        await flows.FindAsync(key, cancellationToken) is { } project
            ? TypedResults.Ok(await calibration.ReadAsync(project, cancellationToken))
            : AnalyticsProblems.ProjectNotFound(key);
}
