using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Portfolio;
using Platform.Projects.Tasks;

namespace Platform.Projects.Workflows;

public enum WorkflowChangeStatus
{
    Done,
    NotFound,
    StatesInUse,
}

/// <summary>The workflow as replaced, or why not; <see cref="Stranded"/> names the left-out states that still have tasks, with their counts.</summary>
public sealed record WorkflowChange(WorkflowChangeStatus Status, StateView[]? States = null, string[]? Stranded = null);

/// <summary>A project's workflow: its states in order, and how many tasks each holds.</summary>
public sealed class ProjectWorkflows(ProjectsDbContext db, ProjectCache projects, TimeProvider clock)
{
    /// <summary>Whether two state names name the same state.</summary>
    public static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The project's states in order; null when there is no such project.</summary>
    public async Task<StateView[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        await projects.FindAsync(key, cancellationToken) is { } project ? await ViewAsync(project, cancellationToken) : null;

    /// <summary>
    /// Replaces the states with validated <paramref name="states"/>; the tasks of a left-out state move as
    /// <paramref name="moves"/> says, and a left-out state with tasks and no move refuses the whole change.
    /// </summary>
    public async Task<WorkflowChange> ReplaceAsync(
        string key, StateInput[] states, Dictionary<string, string> moves, string actor, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return new(WorkflowChangeStatus.NotFound);
        }

        var existing = await db.States.Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var removed = existing.Where(s => !states.Any(n => SameName(n.Name!, s.Name))).ToList();
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
            return new(WorkflowChangeStatus.StatesInUse, Stranded: [.. stranded]);
        }

        for (var position = 0; position < states.Length; position++)
        {
            var input = states[position];
            var state = existing.FirstOrDefault(s => SameName(s.Name, input.Name!));
            if (state is null)
            {
                db.States.Add(state = new WorkflowState { Id = Guid.CreateVersion7(), OrganizationId = project.OrganizationId, ProjectId = project.Id, Name = "" });
            }

            state.Name = input.Name!.Trim();
            state.Category = input.Category!.Value;
            state.Position = position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await MoveTasksAsync(removed, moves, actor, clock.GetUtcNow(), cancellationToken);
        db.States.RemoveRange(removed);
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new(WorkflowChangeStatus.Done, await ViewAsync(project, cancellationToken));
    }

    /// <summary>Each task of a removed state changes state like any update: recorded in its history, announced.</summary>
    private async Task MoveTasksAsync(
        List<WorkflowState> removed, Dictionary<string, string> moves, string actor, DateTimeOffset now, CancellationToken cancellationToken)
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

    private async Task<StateView[]> ViewAsync(Project project, CancellationToken cancellationToken) =>
        await db.States.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderBy(s => s.Position)
            .Select(s => new StateView(s.Name, s.Category, db.Tasks.Count(t => t.StateId == s.Id))).ToArrayAsync(cancellationToken);
}
