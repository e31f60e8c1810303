using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.EventBus.Consuming;

namespace Platform.Analytics.Risks;

/// <summary>
/// After the flow records take in an event, assesses the project's risks again and announces each open task whose
/// level changed (<see cref="RiskChanged"/>), in the same transaction. A task that closed or went away leaves quietly.
/// </summary>
public sealed class RiskWatch(AnalyticsDbContext db, ProjectRisks risks, TimeProvider clock) :
    IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskDeleted>, IHandles<DependencyAdded>, IHandles<DependencyRemoved>
{
    public Task HandleAsync(TaskCreated created, CancellationToken cancellationToken) => ReassessAsync(created.ProjectId, cancellationToken);

    public Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken) => ReassessAsync(updated.ProjectId, cancellationToken);

    public Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken) => ReassessAsync(deleted.ProjectId, cancellationToken);

    public Task HandleAsync(DependencyAdded added, CancellationToken cancellationToken) => ReassessOfAsync(added.SuccessorId, cancellationToken);

    public Task HandleAsync(DependencyRemoved removed, CancellationToken cancellationToken) => ReassessOfAsync(removed.SuccessorId, cancellationToken);

    private async Task ReassessOfAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => (Guid?)t.ProjectId).SingleOrDefaultAsync(cancellationToken) is { } projectId)
        {
            await ReassessAsync(projectId, cancellationToken);
        }
    }

    /// <summary>Assesses the project again; changes of level are announced when the caller saves.</summary>
    public async Task ReassessAsync(Guid projectId, CancellationToken cancellationToken)
    {
        if (await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken) is not { } project)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var assessed = (await risks.AssessAsync(project, cancellationToken)).Tasks.ToDictionary(t => t.Id);
        // Read untracked, and only the changed rows tracked: a large project's every event would otherwise have the
        // context compare each of its risky tasks' rows on saving.
        var stored = await db.Risks.AsNoTracking().Where(r => r.ProjectId == projectId).ToDictionaryAsync(r => r.TaskId, cancellationToken);
        foreach (var (id, risk) in assessed)
        {
            if (!stored.TryGetValue(id, out var before))
            {
                before = new AssessedRisk { TaskId = id, OrganizationId = project.OrganizationId, ProjectId = projectId, Level = RiskLevels.None };
                db.Risks.Add(before);
            }
            else if ((before.Level, before.Score) == (risk.Level, risk.Score))
            {
                continue;
            }
            else
            {
                db.Risks.Attach(before);
            }
            if (before.Level != risk.Level)
            {
                db.AddIntegrationEvent(new RiskChanged(id, projectId, risk.Key, before.Level, risk.Level, risk.Score, [.. risk.Reasons.Select(r => r.Text)])
                {
                    OrganizationId = project.OrganizationId,
                    OccurredAt = now,
                });
            }
            (before.Level, before.Score, before.AssessedAt) = (risk.Level, risk.Score, now);
        }

        var left = stored.Keys.Where(id => !assessed.ContainsKey(id)).ToList();
        if (left.Count == 0)
        {
            return;
        }
        var open = await db.Tasks.AsNoTracking().Where(t => left.Contains(t.Id) && t.DoneAt == null && t.CancelledAt == null)
            .ToDictionaryAsync(t => t.Id, t => t.Key, cancellationToken);
        foreach (var id in left)
        {
            var before = stored[id];
            if (open.TryGetValue(id, out var key))
            {
                db.AddIntegrationEvent(new RiskChanged(id, projectId, key, before.Level, RiskLevels.None, 0, [])
                {
                    OrganizationId = project.OrganizationId,
                    OccurredAt = now,
                });
            }
            db.Risks.Remove(before);
        }
    }
}
