using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Analytics.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Data;

namespace Platform.Analytics.Flow;

public sealed record RebuildResult(int Events, int Projects, int Tasks, int Transitions, int Dependencies, double Seconds);

/// <summary>
/// The organization's flow projection made again from its journal, in one transaction: replaying the events in the
/// order they were handled, in memory, then writing the result over what was there. Running it twice gives the same
/// tables, and readers see the old projection until the new one commits.
/// </summary>
public sealed class FlowRebuild(AnalyticsDbContext db, TenantContext tenant)
{
    private const int JournalPage = 5_000;

    public async Task<RebuildResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var organization = tenant.RequiredOrganizationId;
        var model = new Replay();
        var events = 0;
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        // Journal entries are read a page at a time by sequence, so memory holds one page of JSON, not the history.
        for (long after = 0; ;)
        {
            var page = await db.Journal.AsNoTracking().Where(e => e.OrganizationId == organization && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(JournalPage).ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                model.Apply(JournalEvents.Read(entry));
            }
            events += page.Count;
            if (page.Count < JournalPage)
            {
                break;
            }
            after = page[^1].Sequence;
        }

        await db.Dependencies.Where(d => d.OrganizationId == organization).ExecuteDeleteAsync(cancellationToken);
        await db.Transitions.Where(t => t.OrganizationId == organization).ExecuteDeleteAsync(cancellationToken);
        await db.Tasks.Where(t => t.OrganizationId == organization).ExecuteDeleteAsync(cancellationToken);
        await db.Projects.Where(p => p.OrganizationId == organization).ExecuteDeleteAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var transitions = model.Tasks.Values.SelectMany(t => t.Transitions).ToList();
        await InsertAsync([.. model.Tasks.Values.Select(t => t.Task)], cancellationToken);
        await InsertAsync(transitions, cancellationToken);
        db.Projects.AddRange(model.Projects.Values);
        if (model.Projects.Count > 0 && await db.Organizations.FindAsync([organization], cancellationToken) is null)
        {
            db.Organizations.Add(new KnownOrganization { OrganizationId = organization });
        }
        db.Dependencies.AddRange(model.Dependencies.Values);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await work.CommitAsync(cancellationToken);
        return new RebuildResult(events, model.Projects.Count, model.Tasks.Count, transitions.Count, model.Dependencies.Count,
            Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private const int Batch = 50_000;

    /// <summary>
    /// The tasks and the transitions, the most numerous rows, are written a batch of arrays per statement (unnest): a row
    /// at a time through the change tracker made up most of a rebuild's time. (COPY would be faster still, but Postgres
    /// refuses it on a table under row-level security.) A task's labels travel as a JSON array, as unnest takes no
    /// arrays of arrays.
    /// </summary>
    private async Task InsertAsync(List<FlowTask> tasks, CancellationToken cancellationToken)
    {
        for (var start = 0; start < tasks.Count; start += Batch)
        {
            var batch = tasks.GetRange(start, Math.Min(Batch, tasks.Count - start));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO flow_tasks (id, organization_id, project_id, key, title, category, assignee, labels, parent, optimistic_days, " +
                "most_likely_days, pessimistic_days, start_date, due_date, created_at, started_at, done_at, cancelled_at) " +
                "SELECT id, organization_id, project_id, key, title, category, assignee, ARRAY(SELECT jsonb_array_elements_text(labels)), parent, " +
                "optimistic_days, most_likely_days, pessimistic_days, start_date, due_date, created_at, started_at, done_at, cancelled_at " +
                "FROM unnest(@ids, @organizations, @projects, @keys, @titles, @categories, @assignees, @labels::jsonb[], @parents, @optimistic, " +
                "@likely, @pessimistic, @starts, @dues, @created, @started, @done, @cancelled) AS t(id, organization_id, project_id, key, title, " +
                "category, assignee, labels, parent, optimistic_days, most_likely_days, pessimistic_days, start_date, due_date, created_at, " +
                "started_at, done_at, cancelled_at)",
                [
                    new NpgsqlParameter("ids", batch.ConvertAll(t => t.Id).ToArray()),
                    new NpgsqlParameter("organizations", batch.ConvertAll(t => t.OrganizationId).ToArray()),
                    new NpgsqlParameter("projects", batch.ConvertAll(t => t.ProjectId).ToArray()),
                    new NpgsqlParameter("keys", batch.ConvertAll(t => t.Key).ToArray()),
                    new NpgsqlParameter("titles", batch.ConvertAll(t => t.Title).ToArray()),
                    new NpgsqlParameter("categories", batch.ConvertAll(t => t.Category).ToArray()),
                    new NpgsqlParameter("assignees", batch.ConvertAll(t => t.Assignee).ToArray()),
                    new NpgsqlParameter("labels", batch.ConvertAll(t => JsonSerializer.Serialize(t.Labels)).ToArray()),
                    new NpgsqlParameter("parents", batch.ConvertAll(t => t.Parent).ToArray()),
                    new NpgsqlParameter("optimistic", batch.ConvertAll(t => t.OptimisticDays).ToArray()),
                    new NpgsqlParameter("likely", batch.ConvertAll(t => t.MostLikelyDays).ToArray()),
                    new NpgsqlParameter("pessimistic", batch.ConvertAll(t => t.PessimisticDays).ToArray()),
                    new NpgsqlParameter("starts", batch.ConvertAll(t => t.StartDate).ToArray()),
                    new NpgsqlParameter("dues", batch.ConvertAll(t => t.DueDate).ToArray()),
                    new NpgsqlParameter("created", batch.ConvertAll(t => t.CreatedAt.ToUniversalTime()).ToArray()),
                    new NpgsqlParameter("started", batch.ConvertAll(t => t.StartedAt?.ToUniversalTime()).ToArray()),
                    new NpgsqlParameter("done", batch.ConvertAll(t => t.DoneAt?.ToUniversalTime()).ToArray()),
                    new NpgsqlParameter("cancelled", batch.ConvertAll(t => t.CancelledAt?.ToUniversalTime()).ToArray()),
                ],
                cancellationToken);
        }
    }

    private async Task InsertAsync(List<FlowTransition> transitions, CancellationToken cancellationToken)
    {
        for (var start = 0; start < transitions.Count; start += Batch)
        {
            var batch = transitions.GetRange(start, Math.Min(Batch, transitions.Count - start));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO flow_transitions (organization_id, project_id, task_id, at, from_category, to_category) " +
                "SELECT * FROM unnest(@organizations, @projects, @tasks, @moments, @froms, @tos)",
                [
                    new NpgsqlParameter("organizations", batch.ConvertAll(t => t.OrganizationId).ToArray()),
                    new NpgsqlParameter("projects", batch.ConvertAll(t => t.ProjectId).ToArray()),
                    new NpgsqlParameter("tasks", batch.ConvertAll(t => t.TaskId).ToArray()),
                    new NpgsqlParameter("moments", batch.ConvertAll(t => t.At.ToUniversalTime()).ToArray()),
                    new NpgsqlParameter("froms", batch.ConvertAll(t => t.FromCategory).ToArray()),
                    new NpgsqlParameter("tos", batch.ConvertAll(t => t.ToCategory).ToArray()),
                ],
                cancellationToken);
        }
    }

    /// <summary>The projection in memory, as <see cref="FlowJournal"/> keeps it in the database event by event.</summary>
    private sealed class Replay
    {
        public Dictionary<Guid, FlowProject> Projects { get; } = [];

        public Dictionary<Guid, (FlowTask Task, List<FlowTransition> Transitions)> Tasks { get; } = [];

        public Dictionary<(Guid, Guid), FlowDependency> Dependencies { get; } = [];

        public void Apply(IntegrationEvent integrationEvent)
        {
            switch (integrationEvent)
            {
                case ProjectChanged { Deleted: true } deleted:
                    var gone = Tasks.Values.Where(t => t.Task.ProjectId == deleted.ProjectId).Select(t => t.Task.Id).ToHashSet();
                    foreach (var id in gone)
                    {
                        Tasks.Remove(id);
                    }
                    RemoveDependencies(d => gone.Contains(d.PredecessorId) || gone.Contains(d.SuccessorId));
                    Projects.Remove(deleted.ProjectId);
                    break;
                case ProjectChanged changed:
                    ProjectCalendars.Apply(Project(changed.ProjectId, changed.OrganizationId, changed.Key), changed);
                    break;
                case TaskCreated created:
                    Project(created.ProjectId, created.OrganizationId, JournalEvents.ProjectKeyOf(created.Key));
                    var (task, entered) = TaskFlowRules.Created(created);
                    Tasks[task.Id] = (task, [entered]);
                    break;
                case TaskUpdated updated when Tasks.TryGetValue(updated.TaskId, out var flow):
                    if (TaskFlowRules.Updated(flow.Task, updated) is { } transition)
                    {
                        flow.Transitions.Add(transition);
                    }
                    break;
                case TaskDeleted deleted:
                    Tasks.Remove(deleted.TaskId);
                    RemoveDependencies(d => d.PredecessorId == deleted.TaskId || d.SuccessorId == deleted.TaskId);
                    break;
                case DependencyAdded added:
                    Dependencies[(added.PredecessorId, added.SuccessorId)] = FlowDependencies.Of(added);
                    break;
                case DependencyRemoved removed:
                    Dependencies.Remove((removed.PredecessorId, removed.SuccessorId));
                    break;
            }
        }

        private FlowProject Project(Guid id, Guid organizationId, string key)
        {
            if (!Projects.TryGetValue(id, out var project))
            {
                Projects[id] = project = new FlowProject { Id = id, OrganizationId = organizationId, Key = key };
            }
            return project;
        }

        private void RemoveDependencies(Func<FlowDependency, bool> matches)
        {
            foreach (var key in Dependencies.Where(d => matches(d.Value)).Select(d => d.Key).ToList())
            {
                Dependencies.Remove(key);
            }
        }
    }
}
