using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;
using Platform.Projects.Tasks;

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

    public static async Task<Results<Ok<StateView[]>, NotFound>> Get(string key, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken) =>
        await projects.FindAsync(key, cancellationToken) is { } project
            ? TypedResults.Ok(await ViewAsync(db, project, cancellationToken))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<StateView[]>, ValidationProblem, NotFound, ProblemHttpResult>> Replace(
        string key, WorkflowInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var states = request.States ?? [];
        var moves = new Dictionary<string, string>(request.Moves ?? [], StringComparer.OrdinalIgnoreCase);
        if (Validate(states, moves) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var existing = await db.States.Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var removed = existing.Where(s => !states.Any(n => Same(n.Name!, s.Name))).ToList();
        var stranded = new List<string>();
        foreach (var state in removed.Where(s => !moves.ContainsKey(s.Name)))
        {
            var count = await db.Tasks.CountAsync(t => t.StateId == state.Id, cancellationToken);
            if (count > 0)
            {
                stranded.Add($"{state.Name} ({count} tasks)");
            }
        }

        if (stranded.Count > 0)
        {
            return TypedResults.Problem(
                title: "States still in use",
                detail: $"Move the tasks of {string.Join(", ", stranded)} with \"moves\": {{\"old state\": \"new state\"}}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        for (var position = 0; position < states.Length; position++)
        {
            var input = states[position];
            var state = existing.FirstOrDefault(s => Same(s.Name, input.Name!));
            if (state is null)
            {
                db.States.Add(state = new WorkflowState { Id = Guid.CreateVersion7(), OrganizationId = project.OrganizationId, ProjectId = project.Id, Name = "" });
            }

            state.Name = input.Name!.Trim();
            state.Category = input.Category!.Value;
            state.Position = position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await MoveTasksAsync(db, project, removed, moves, user.ActorId(), clock.GetUtcNow(), cancellationToken);
        db.States.RemoveRange(removed);
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, project, cancellationToken));
    }

    /// <summary>Each task of a removed state changes state like any update: recorded in its history, announced.</summary>
    private static async Task MoveTasksAsync(
        ProjectsDbContext db, Project project, List<WorkflowState> removed, Dictionary<string, string> moves, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var state in removed.Where(s => moves.ContainsKey(s.Name)))
        {
            var tasks = await db.Tasks.FromSql($"SELECT *, xmin FROM tasks WHERE state_id = {state.Id} FOR UPDATE").Include(t => t.Project).ToListAsync(cancellationToken);
            foreach (var task in tasks)
            {
                await TaskUpdates.ApplyAsync(db, task, new JsonObject { ["state"] = moves[state.Name] }, actor, automationDepth: 0, now, cancellationToken);
            }
        }
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
        else if (moves.Values.FirstOrDefault(target => !states.Any(s => Same(s.Name!, target))) is { } unknown)
        {
            errors["moves"] = [$"Tasks can only move to a state of the new workflow; {unknown} is not one."];
        }

        return errors;
    }

    private static async Task<StateView[]> ViewAsync(ProjectsDbContext db, Project project, CancellationToken cancellationToken) =>
        await db.States.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderBy(s => s.Position)
            .Select(s => new StateView(s.Name, s.Category, db.Tasks.Count(t => t.StateId == s.Id))).ToArrayAsync(cancellationToken);

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
