using Platform.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Dependencies;

public sealed record AddDependency(string? Predecessor, string? Type, double? LagDays);

public sealed record DependencyView(string Predecessor, string Successor, string Type, double LagDays);

public static class DependencyEndpoints
{
    public static IEndpointRouteBuilder MapDependencyEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Dependencies");
        write.MapPost("/tasks/{key}/dependencies", Add).WithName("AddDependency").WithSummary("Make a task wait for another (no cycles)");
        read.MapGet("/tasks/{key}/dependencies", List).WithName("ListDependencies").WithSummary("What a task waits for, and what waits for it");
        write.MapDelete("/tasks/{key}/dependencies/{predecessor}", Remove).WithName("RemoveDependency").WithSummary("Stop a task waiting for another");
        return api;
    }

    /// <summary>The task at <paramref name="key"/> waits on <see cref="AddDependency.Predecessor"/>; refused with the cycle it would close.</summary>
    public static async Task<Results<Created<DependencyView>, ValidationProblem, NotFound, ProblemHttpResult>> Add(
        string key, AddDependency request, TaskDependencies dependencies, CancellationToken cancellationToken)
    {
        var type = DependencyType.FinishToStart;
        var errors = new Dictionary<string, string[]>();
        if (request.Type is not null && !DependencyTypes.TryParse(request.Type, out type))
        {
            errors["type"] = ["One of finish-to-start (the default), start-to-start, finish-to-finish, start-to-finish."];
        }

        if (request.LagDays is { } lag && (double.IsNaN(lag) || Math.Abs(lag) > 10_000))
        {
            errors["lagDays"] = ["Working days between -10000 and 10000."];
        }

        if (TaskKey.Parse(request.Predecessor) is null)
        {
            errors["predecessor"] = ["The predecessor's task key, e.g. PLAT-12."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await dependencies.AddAsync(key, request.Predecessor!, type, request.LagDays ?? 0, cancellationToken);
        return outcome.Status switch
        {
            AddDependencyStatus.NotFound => TypedResults.NotFound(),
            AddDependencyStatus.OnItself => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["predecessor"] = ["A task cannot wait on itself."] }),
            AddDependencyStatus.Cycle => TypedResults.Problem(
                title: "Dependency cycle",
                detail: $"{outcome.Cycle![0]} already waits on {key.ToUpperInvariant()}: {string.Join(" → ", outcome.Cycle)}.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["cycle"] = outcome.Cycle }),
            AddDependencyStatus.Exists => TypedResults.Problem(title: "Dependency exists", detail: "This task already waits on that predecessor.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Created($"/tasks/{outcome.Dependency!.Successor}/dependencies/{outcome.Dependency.Predecessor}", outcome.Dependency),
        };
    }

    public static async Task<Results<Ok<DependencyView[]>, NotFound>> List(string key, TaskDependencies dependencies, CancellationToken cancellationToken) =>
        await dependencies.ListAsync(key, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> Remove(string key, string predecessor, TaskDependencies dependencies, CancellationToken cancellationToken) =>
        await dependencies.RemoveAsync(key, predecessor, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
