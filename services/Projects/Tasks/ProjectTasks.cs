using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

public enum TaskWriteStatus
{
    Done,
    NotFound,
    VersionChanged,
    Refused,
}

/// <summary>The task as written, or why not: a refusal carries field errors or a problem such as 409.</summary>
public sealed record TaskWrite(TaskWriteStatus Status, TaskView? View = null, Dictionary<string, string[]>? Errors = null, ProblemHttpResult? Problem = null);

/// <summary>
/// Tasks by key as a person creates, reads, changes and deletes them, each in a transaction of its own; the rules of
/// creating and changing a task are <see cref="TaskCreation"/>'s and <see cref="TaskUpdates"/>'s.
/// </summary>
public sealed class ProjectTasks(ProjectsDbContext db, TimeProvider clock)
{
    public async Task<TaskWrite> CreateAsync(string projectKey, TaskInput input, string actor, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindAsync(db, projectKey, cancellationToken) is not { } project)
        {
            return new(TaskWriteStatus.NotFound);
        }

        var (view, errors) = await TaskCreation.CreateAsync(db, project, input, actor, automationDepth: 0, clock.GetUtcNow(), cancellationToken);
        if (view is null)
        {
            return new(TaskWriteStatus.Refused, Errors: errors);
        }

        await work.CommitAsync(cancellationToken);
        return new(TaskWriteStatus.Done, view);
    }

    /// <summary>The task now, or as it was at <paramref name="asOf"/> (rebuilt from its history); null when there is no such task then.</summary>
    public async Task<TaskView?> ReadAsync(string key, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        var view = await db.ViewAsync(task.Id, cancellationToken);
        return asOf is { } moment ? await TaskHistory.AsOfAsync(db, view, moment, cancellationToken) : view;
    }

    /// <summary>Applies a merge patch to the task, locked, when its version satisfies <paramref name="versionHolds"/> (the caller's If-Match).</summary>
    public async Task<TaskWrite> UpdateAsync(string key, JsonObject patch, string actor, Func<uint, bool> versionHolds, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
        {
            return new(TaskWriteStatus.NotFound);
        }

        if (!versionHolds(task.Version))
        {
            return new(TaskWriteStatus.VersionChanged);
        }

        var outcome = await TaskUpdates.ApplyAsync(db, task, patch, actor, automationDepth: 0, clock.GetUtcNow(), cancellationToken);
        if (outcome.Errors is { Count: > 0 } || outcome.Problem is not null)
        {
            return new(TaskWriteStatus.Refused, Errors: outcome.Errors, Problem: outcome.Problem);
        }

        await work.CommitAsync(cancellationToken);
        return new(TaskWriteStatus.Done, outcome.View);
    }

    /// <summary>Deletes the task, locked, when its version satisfies <paramref name="versionHolds"/>, and announces it.</summary>
    public async Task<TaskWriteStatus> DeleteAsync(string key, string actor, Func<uint, bool> versionHolds, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken, forUpdate: true) is not { } task)
        {
            return TaskWriteStatus.NotFound;
        }

        if (!versionHolds(task.Version))
        {
            return TaskWriteStatus.VersionChanged;
        }

        var parent = (await db.ViewAsync(task.Id, cancellationToken)).Parent;
        db.Tasks.Remove(task);
        db.AddIntegrationEvent(new TaskDeleted(task.Id, task.ProjectId, TaskKey.Of(task))
        {
            OrganizationId = task.OrganizationId,
            OccurredAt = clock.GetUtcNow(),
            Actor = actor,
            Parent = parent,
        });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TaskWriteStatus.Done;
    }
}
