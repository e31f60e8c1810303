using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;
using Platform.Projects.Tasks;

namespace Platform.Projects.Comments;

public sealed record CommentInput(string? Body);

public sealed record CommentView(Guid Id, string Task, string Author, string Body, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

public sealed record CommentPage(CommentView[] Items, string? NextCursor);

public static class CommentEndpoints
{
    public const int MaxBodyLength = 20_000;

    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Comments");
        write.MapPost("/tasks/{key}/comments", Add).RequireUnarchivedProject("key", ProjectKeyIn.Task).WithIdempotency<CommentInput>()
            .WithName("AddComment").WithSummary("Comment on a task (markdown); the commenter starts watching it");
        read.MapGet("/tasks/{key}/comments", List).WithName("ListComments").WithSummary("A task's comments, oldest first, in pages");
        write.MapPut("/tasks/{key}/comments/{id:guid}", Edit).WithName("EditComment").WithSummary("Edit your own comment");
        write.MapDelete("/tasks/{key}/comments/{id:guid}", Delete).WithName("DeleteComment").WithSummary("Delete your own comment");
        return api;
    }

    /// <summary>A markdown comment by the caller; the commenter starts watching the task.</summary>
    public static async Task<Results<Created<CommentView>, ValidationProblem, NotFound, ProblemHttpResult>> Add(
        string key, CommentInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (BodyError(request) is { } error)
        {
            return error;
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var comment = await TaskComments.AddAsync(db, task, user.ActorId(), request.Body!, automationDepth: 0, clock.GetUtcNow(), cancellationToken);
        await work.CommitAsync(cancellationToken);
        var view = View(comment, task);
        return TypedResults.Created($"/tasks/{view.Task}/comments/{comment.Id}", view);
    }

    /// <summary>The task's comments, oldest first, in pages.</summary>
    public static async Task<Results<Ok<CommentPage>, NotFound, ValidationProblem>> List(
        string key, ProjectsDbContext db, CancellationToken cancellationToken, int? limit = null, string? cursor = null)
    {
        var pageSize = limit ?? 50;
        Guid after = Guid.Empty;
        if (pageSize is < 1 or > 200 || (cursor is not null && !Guid.TryParse(cursor, out after)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit is 1 to 200; cursor is a nextCursor this API returned."] });
        }

        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var comments = await db.Comments.AsNoTracking().Where(c => c.TaskId == task.Id && c.Id > after).OrderBy(c => c.Id)
            .Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = comments.Count > pageSize ? comments[pageSize - 1].Id.ToString() : null;
        return TypedResults.Ok(new CommentPage([.. comments.Take(pageSize).Select(c => View(c, task))], next));
    }

    /// <summary>Only the author edits a comment.</summary>
    public static async Task<Results<Ok<CommentView>, ValidationProblem, NotFound, ProblemHttpResult>> Edit(
        string key, Guid id, CommentInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (BodyError(request) is { } error)
        {
            return error;
        }

        if (await FindAsync(db, key, id, cancellationToken) is not var (task, comment))
        {
            return TypedResults.NotFound();
        }

        if (comment.AuthorId != user.ActorId())
        {
            return NotTheAuthor();
        }

        comment.Body = request.Body!;
        comment.EditedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(comment, task));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, Guid id, ClaimsPrincipal user, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, key, id, cancellationToken) is not var (_, comment))
        {
            return TypedResults.NotFound();
        }

        if (comment.AuthorId != user.ActorId())
        {
            return NotTheAuthor();
        }

        db.Comments.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(ProjectTask Task, TaskComment Comment)?> FindAsync(ProjectsDbContext db, string key, Guid id, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        return await db.Comments.SingleOrDefaultAsync(c => c.Id == id && c.TaskId == task.Id, cancellationToken) is { } comment ? (task, comment) : null;
    }

    private static ValidationProblem? BodyError(CommentInput request) =>
        request.Body is { Length: > 0 and <= MaxBodyLength } && !string.IsNullOrWhiteSpace(request.Body)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"A comment of 1 to {MaxBodyLength} characters."] });

    private static ProblemHttpResult NotTheAuthor() =>
        TypedResults.Problem(title: "Not your comment", detail: "Only a comment's author can change or delete it.", statusCode: StatusCodes.Status403Forbidden);

    private static CommentView View(TaskComment comment, ProjectTask task) =>
        new(comment.Id, TaskKey.Of(task), comment.AuthorId, comment.Body, comment.CreatedAt, comment.EditedAt);
}
