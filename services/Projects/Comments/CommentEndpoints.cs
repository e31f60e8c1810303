using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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

        if (await TaskComments.AddAsync(db, key, user.ActorId(), request.Body!, clock.GetUtcNow(), cancellationToken) is not var (task, comment))
        {
            return TypedResults.NotFound();
        }

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

        if (await TaskComments.PageAsync(db, key, after, pageSize, cancellationToken) is not var (task, comments, next))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new CommentPage([.. comments.Select(c => View(c, task))], next?.ToString()));
    }

    /// <summary>Only the author edits a comment.</summary>
    public static async Task<Results<Ok<CommentView>, ValidationProblem, NotFound, ProblemHttpResult>> Edit(
        string key, Guid id, CommentInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (BodyError(request) is { } error)
        {
            return error;
        }

        var edited = await TaskComments.EditAsync(db, key, id, user.ActorId(), request.Body!, clock.GetUtcNow(), cancellationToken);
        return edited.Status switch
        {
            CommentChangeStatus.NotFound => TypedResults.NotFound(),
            CommentChangeStatus.NotTheAuthor => NotTheAuthor(),
            _ => TypedResults.Ok(View(edited.Comment!, edited.Task!)),
        };
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, Guid id, ClaimsPrincipal user, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await TaskComments.DeleteAsync(db, key, id, user.ActorId(), cancellationToken) switch
        {
            CommentChangeStatus.NotFound => TypedResults.NotFound(),
            CommentChangeStatus.NotTheAuthor => NotTheAuthor(),
            _ => TypedResults.NoContent(),
        };

    private static ValidationProblem? BodyError(CommentInput request) =>
        request.Body is { Length: > 0 and <= MaxBodyLength } && !string.IsNullOrWhiteSpace(request.Body)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"A comment of 1 to {MaxBodyLength} characters."] });

    private static ProblemHttpResult NotTheAuthor() =>
        TypedResults.Problem(title: "Not your comment", detail: "Only a comment's author can change or delete it.", statusCode: StatusCodes.Status403Forbidden);

    private static CommentView View(TaskComment comment, ProjectTask task) =>
        new(comment.Id, TaskKey.Of(task), comment.AuthorId, comment.Body, comment.CreatedAt, comment.EditedAt);
}
