using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Workflows;

public sealed record StateView(string Name, StateCategory Category, int Tasks);

public sealed record StateInput(string? Name, StateCategory? Category);

/// <summary>
/// The whole new workflow, in order. States keep their identity by name; a state left out must have no tasks,
/// or <see cref="Moves"/> names the state its tasks move to (which is also how a state is renamed).
/// </summary>
public sealed record WorkflowInput(StateInput[]? States, Dictionary<string, string>? Moves);

public static class WorkflowEndpoints
{
    public const int MaxStates = 30;

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Workflows");
        read.MapGet("/projects/{key}/workflow", Get).WithName("GetWorkflow").WithSummary("The project's workflow states in order");
        write.MapPut("/projects/{key}/workflow", Replace).RequireUnarchivedProject("key", ProjectKeyIn.Project)
            .WithName("ReplaceWorkflow").WithSummary("Replace the workflow states, moving the tasks of removed ones");
        return api;
    }

    public static async Task<Results<Ok<StateView[]>, NotFound>> Get(string key, ProjectWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.GetAsync(key, cancellationToken) is { } states ? TypedResults.Ok(states) : TypedResults.NotFound();

    public static async Task<Results<Ok<StateView[]>, ValidationProblem, NotFound, ProblemHttpResult>> Replace(
        string key, WorkflowInput request, ClaimsPrincipal user, ProjectWorkflows workflows, CancellationToken cancellationToken)
    {
        var states = request.States ?? [];
        var moves = new Dictionary<string, string>(request.Moves ?? [], StringComparer.OrdinalIgnoreCase);
        if (Validate(states, moves) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var replaced = await workflows.ReplaceAsync(key, states, moves, user.ActorId(), cancellationToken);
        return replaced.Status switch
        {
            WorkflowChangeStatus.NotFound => TypedResults.NotFound(),
            WorkflowChangeStatus.StatesInUse => TypedResults.Problem(
                title: "States still in use",
                detail: $"Move the tasks of {string.Join(", ", replaced.Stranded!)} with \"moves\": {{\"old state\": \"new state\"}}.",
                statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok(replaced.States!),
        };
    }

    private static Dictionary<string, string[]> Validate(StateInput[] states, Dictionary<string, string> moves)
    {
        var errors = new Dictionary<string, string[]>();
        if (states.Length is 0 or > MaxStates || states.Any(s => s.Name?.Trim() is not { Length: > 0 and <= 50 } || s.Category is not { } c || !Enum.IsDefined(c)))
        {
            errors["states"] = [$"1 to {MaxStates} states, each with a name of 1 to 50 characters and a category (backlog, todo, inProgress, done, cancelled)."];
        }
        else if (states.Select(s => s.Name!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != states.Length)
        {
            errors["states"] = ["State names must differ (ignoring case)."];
        }
        else if (!states.Any(s => s.Category == StateCategory.Done) || states.All(s => WorkflowState.IsFinished(s.Category!.Value)))
        {
            errors["states"] = ["A workflow needs a done state and at least one state that is not finished."];
        }
        else if (moves.Values.FirstOrDefault(target => !states.Any(s => ProjectWorkflows.SameName(s.Name!, target))) is { } unknown)
        {
            errors["moves"] = [$"Tasks can only move to a state of the new workflow; {unknown} is not one."];
        }

        return errors;
    }
}
