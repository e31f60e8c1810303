using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;

namespace Platform.Analytics.Flow;

/// <summary>
/// Keeps each event in the journal and brings the flow projection up to date with it, in the event's transaction. A
/// task or project heard of only from later events (made before this service ran) enters the projection when it can.
/// </summary>
public sealed class FlowJournal(AnalyticsDbContext db) :
    IHandles<ProjectChanged>, IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskDeleted>, IHandles<DependencyAdded>, IHandles<DependencyRemoved>
{
    public async Task HandleAsync(ProjectChanged changed, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(changed));
        if (changed.Deleted)
        {
            var tasks = db.Tasks.Where(t => t.ProjectId == changed.ProjectId).Select(t => t.Id);
            await db.Dependencies.Where(d => tasks.Contains(d.PredecessorId) || tasks.Contains(d.SuccessorId)).ExecuteDeleteAsync(cancellationToken);
            await db.Transitions.Where(t => t.ProjectId == changed.ProjectId).ExecuteDeleteAsync(cancellationToken);
            await db.Tasks.Where(t => t.ProjectId == changed.ProjectId).ExecuteDeleteAsync(cancellationToken);
            await db.Risks.Where(r => r.ProjectId == changed.ProjectId).ExecuteDeleteAsync(cancellationToken);
            await db.Projects.Where(p => p.Id == changed.ProjectId).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        if (await db.Projects.FindAsync([changed.ProjectId], cancellationToken) is not { } project)
        {
            project = new FlowProject { Id = changed.ProjectId, OrganizationId = changed.OrganizationId };
            db.Projects.Add(project);
            await KnowOrganizationAsync(changed.OrganizationId, cancellationToken);
        }
        ProjectCalendars.Apply(project, changed);
    }

    public async Task HandleAsync(TaskCreated created, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(created));
        await KnowProjectAsync(created.ProjectId, created.OrganizationId, JournalEvents.ProjectKeyOf(created.Key), cancellationToken);
        var (task, entered) = TaskFlowRules.Created(created);
        db.Tasks.Add(task);
        db.Transitions.Add(entered);
    }

    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(updated));
        if (await db.Tasks.FindAsync([updated.TaskId], cancellationToken) is { } task && TaskFlowRules.Updated(task, updated) is { } entered)
        {
            db.Transitions.Add(entered);
        }
    }

    public async Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(deleted));
        await db.Dependencies.Where(d => d.PredecessorId == deleted.TaskId || d.SuccessorId == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
        await db.Transitions.Where(t => t.TaskId == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
        await db.Tasks.Where(t => t.Id == deleted.TaskId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task HandleAsync(DependencyAdded added, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(added));
        var dependency = await db.Dependencies.FindAsync([added.PredecessorId, added.SuccessorId], cancellationToken);
        if (dependency is null)
        {
            db.Dependencies.Add(FlowDependencies.Of(added));
        }
        else
        {
            (dependency.Type, dependency.LagDays) = (added.Type, added.LagDays);
        }
    }

    public async Task HandleAsync(DependencyRemoved removed, CancellationToken cancellationToken)
    {
        db.Journal.Add(JournalEvents.Entry(removed));
        await db.Dependencies.Where(d => d.PredecessorId == removed.PredecessorId && d.SuccessorId == removed.SuccessorId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task KnowProjectAsync(Guid id, Guid organizationId, string key, CancellationToken cancellationToken)
    {
        if (await db.Projects.FindAsync([id], cancellationToken) is null)
        {
            db.Projects.Add(new FlowProject { Id = id, OrganizationId = organizationId, Key = key });
            await KnowOrganizationAsync(organizationId, cancellationToken);
        }
    }

    private async Task KnowOrganizationAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await db.Organizations.FindAsync([organizationId], cancellationToken) is null)
        {
            db.Organizations.Add(new KnownOrganization { OrganizationId = organizationId });
        }
    }
}
