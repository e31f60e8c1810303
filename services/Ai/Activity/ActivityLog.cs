using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;
using StackExchange.Redis;

namespace Platform.Ai.Activity;

/// <summary>
/// Writes the activity feed from the platform's events, in the event consumer's transaction, after the search index
/// (whose copy of a task's title it reads) has taken the event; a deletion is recorded before the index forgets the
/// title. Once committed, the web client's open activity pages are told (<see cref="LiveNotices.ActivityAppended"/>).
/// </summary>
public sealed class ActivityLog(AiDbContext db, AfterCommit afterCommit, IConnectionMultiplexer redis)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<CommentAdded>, IHandles<TaskDeleted>, IHandles<DocumentChanged>,
      IHandles<TaskCodeChanged>
{
    private static readonly RedisChannel Appended = RedisChannel.Literal(LiveNotices.ActivityAppended);

    private readonly HashSet<Guid> _toldOf = [];

    public const int MaxSummary = 300;

    public Task HandleAsync(TaskCreated created, CancellationToken cancellationToken) =>
        AddAsync(created, "task.created", created.Title, "Created", cancellationToken);

    /// <summary>A change of state is told by its own event (task.moved); the other fields changed with it are told here.</summary>
    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        var fields = updated.Changes.Keys.Where(k => k is not ("state" or "stateCategory")).Order().ToList();
        if (fields.Count > 0)
        {
            await AddAsync(updated, "task.updated", await TitleAsync(updated.TaskId, cancellationToken), $"Changed {string.Join(", ", fields)}", cancellationToken);
        }
    }

    public async Task HandleAsync(TaskStateChanged moved, CancellationToken cancellationToken) =>
        await AddAsync(moved, "task.moved", await TitleAsync(moved.TaskId, cancellationToken), $"Moved from {moved.FromState} to {moved.ToState}", cancellationToken);

    public async Task HandleAsync(CommentAdded comment, CancellationToken cancellationToken) =>
        await AddAsync(comment, "task.commented", await TitleAsync(comment.TaskId, cancellationToken), $"Commented: {comment.Body}", cancellationToken);

    public async Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken) =>
        await AddAsync(deleted, "task.deleted", await TitleAsync(deleted.TaskId, cancellationToken), "Deleted", cancellationToken);

    public async Task HandleAsync(TaskCodeChanged code, CancellationToken cancellationToken)
    {
        var what = code.Kind switch
        {
            "pullRequest" => $"Pull request {code.Repository}#{code.Reference} {code.State}",
            "commit" => $"Commit {code.Repository}@{code.Reference[..Math.Min(7, code.Reference.Length)]}",
            _ => $"Check {code.Reference}",
        };
        var summary = code.CheckName is { } check ? $"{what}: {check} {code.CheckOutcome}" : $"{what}: {code.Title}";
        await AddAsync(code, "task.code", await TitleAsync(code.TaskId, cancellationToken), summary, cancellationToken);
    }

    public async Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken)
    {
        Add(changed, changed.ProjectId, changed.Deleted ? "document.deleted" : "document.changed", changed.DocumentId.ToString(), changed.Title, "",
            changed.Deleted ? "Deleted" : $"Now at version {changed.Version}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AddAsync(TaskEvent task, string kind, string title, string summary, CancellationToken cancellationToken)
    {
        Add(task, task.ProjectId, kind, task.Key, title, task.Actor, summary);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Add(IntegrationEvent happened, Guid projectId, string kind, string subject, string title, string actor, string summary)
    {
        db.Activity.Add(new ActivityEntry
        {
            OrganizationId = happened.OrganizationId, ProjectId = projectId, OccurredAt = happened.OccurredAt, Kind = kind, Subject = subject,
            Title = title, Actor = actor, Summary = summary.Length > MaxSummary ? summary[..(MaxSummary - 1)] + "…" : summary,
        });
        if (_toldOf.Add(happened.OrganizationId))
        {
            // Fire and forget: a page that misses it hears of the next entry, and a Redis outage must not fail the event.
            var organization = happened.OrganizationId.ToString();
            afterCommit.Add(() => redis.GetSubscriber().Publish(Appended, organization, CommandFlags.FireAndForget));
        }
    }

    /// <summary>The task's title as the search index last heard it (just indexed in this transaction: no second read).</summary>
    private async Task<string> TitleAsync(Guid taskId, CancellationToken cancellationToken) =>
        (await db.Sources.FindAsync([taskId], cancellationToken))?.Title ?? "";
}
