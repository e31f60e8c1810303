using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Comments;

public enum CommentChangeStatus
{
    Done,
    NotFound,
    NotTheAuthor,
}

/// <summary>The comment as changed, with its task, or why not.</summary>
public sealed record CommentChange(CommentChangeStatus Status, ProjectTask? Task = null, TaskComment? Comment = null);

/// <summary>Commenting on a task: the REST API and automation rules both go through here. Only its author changes a comment.</summary>
public static class TaskComments
{
    /// <summary>Adds a comment in the caller's transaction, announces it, and makes its author a watcher.</summary>
    public static async Task<TaskComment> AddAsync(
        ProjectsDbContext db, ProjectTask task, string author, string body, int automationDepth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var comment = new TaskComment
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = task.OrganizationId,
            TaskId = task.Id,
            AuthorId = author,
            Body = body,
            CreatedAt = now,
        };
        db.Comments.Add(comment);
        db.AddIntegrationEvent(new CommentAdded(task.Id, task.ProjectId, TaskKey.Of(task), comment.Id, comment.Body)
        {
            OrganizationId = task.OrganizationId, OccurredAt = now, Actor = author, AutomationDepth = automationDepth,
        });
        await db.SaveChangesAsync(cancellationToken);
        await TaskWatchers.WatchAsync(db, task, TaskKey.Of(task), author, cancellationToken);
        return comment;
    }

    /// <summary>A person's comment on the task at <paramref name="key"/>, in a transaction of its own; null when there is no such task.</summary>
    public static async Task<(ProjectTask Task, TaskComment Comment)?> AddAsync(
        ProjectsDbContext db, string key, string author, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        var comment = await AddAsync(db, task, author, body, automationDepth: 0, now, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return (task, comment);
    }

    /// <summary>
    /// The task's comments after <paramref name="after"/>, oldest first, at most <paramref name="pageSize"/>, and the
    /// cursor of the next page (null on the last); null when there is no such task.
    /// </summary>
    public static async Task<(ProjectTask Task, List<TaskComment> Comments, Guid? Next)?> PageAsync(
        ProjectsDbContext db, string key, Guid after, int pageSize, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        var comments = await db.Comments.AsNoTracking().Where(c => c.TaskId == task.Id && c.Id > after).OrderBy(c => c.Id)
            .Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = comments.Count > pageSize ? comments[pageSize - 1].Id : (Guid?)null;
        return (task, [.. comments.Take(pageSize)], next);
    }

    public static async Task<CommentChange> EditAsync(
        ProjectsDbContext db, string key, Guid id, string editor, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, key, id, cancellationToken) is not var (task, comment))
        {
            return new(CommentChangeStatus.NotFound);
        }

        if (comment.AuthorId != editor)
        {
            return new(CommentChangeStatus.NotTheAuthor);
        }

        comment.Body = body;
        comment.EditedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new(CommentChangeStatus.Done, task, comment);
    }

    public static async Task<CommentChangeStatus> DeleteAsync(ProjectsDbContext db, string key, Guid id, string deleter, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, key, id, cancellationToken) is not var (_, comment))
        {
            return CommentChangeStatus.NotFound;
        }

        if (comment.AuthorId != deleter)
        {
            return CommentChangeStatus.NotTheAuthor;
        }

        db.Comments.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        return CommentChangeStatus.Done;
    }

    private static async Task<(ProjectTask Task, TaskComment Comment)?> FindAsync(ProjectsDbContext db, string key, Guid id, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        return await db.Comments.SingleOrDefaultAsync(c => c.Id == id && c.TaskId == task.Id, cancellationToken) is { } comment ? (task, comment) : null;
    }
}
