using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Comments;

/// <summary>Commenting on a task: the REST API and automation rules both go through here.</summary>
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
        await TaskWatchers.WatchAsync(db, task, author, cancellationToken);
        return comment;
    }
}
