using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Projects;

namespace Platform.Projects.Tasks;

public sealed record CreateTask(string? Title, string? Description, double? OptimisticDays, double? MostLikelyDays, double? PessimisticDays);

/// <summary>One page of tasks; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TaskPage(TaskView[] Items, string? NextCursor);

public sealed record TaskView(
    Guid Id, string Key, string ProjectKey, string Title, string Description,
    double? OptimisticDays, double? MostLikelyDays, double? PessimisticDays, DateTimeOffset CreatedAt);

public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{projectKey}/tasks", Create).RequireAuthorization(ProjectsPolicies.Write);
        api.MapGet("/projects/{projectKey}/tasks", List).RequireAuthorization(ProjectsPolicies.Read);
        api.MapGet("/tasks/{key}", Get).RequireAuthorization(ProjectsPolicies.Read);
        return api;
    }

    public static async Task<Results<Created<TaskView>, ValidationProblem, NotFound>> Create(
        string projectKey, CreateTask request, ProjectsDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > 500)
        {
            errors["title"] = ["A title of 1 to 500 characters is required."];
        }

        if (EstimateError(request) is { } estimateError)
        {
            errors["estimate"] = [estimateError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var project = await ProjectEndpoints.FindAsync(db, projectKey, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        // Claims the next number under the project row's lock, so two creates never get the same key.
        var number = (await db.Database
            .SqlQuery<int>($"UPDATE projects SET next_task_number = next_task_number + 1 WHERE id = {project.Id} RETURNING next_task_number - 1 AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();
        var task = new ProjectTask
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            ProjectId = project.Id,
            Number = number,
            Title = title,
            Description = request.Description?.Trim() ?? "",
            OptimisticDays = request.OptimisticDays,
            MostLikelyDays = request.MostLikelyDays,
            PessimisticDays = request.PessimisticDays,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Tasks.Add(task);
        var view = View(task, project.Key);
        db.AddIntegrationEvent(new TaskCreated(task.Id, project.Id, view.Key, task.Title) { OrganizationId = task.OrganizationId, OccurredAt = task.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/tasks/{view.Key}", view);
    }

    /// <summary>
    /// A page of the project's tasks in key order. <paramref name="cursor"/> is the <c>nextCursor</c> of the
    /// previous page (opaque to clients); <paramref name="q"/> keeps tasks whose title contains it.
    /// </summary>
    public static async Task<Results<Ok<TaskPage>, NotFound, ValidationProblem>> List(
        string projectKey, ProjectsDbContext db, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? q = null)
    {
        var pageSize = limit ?? 50;
        var after = 0;
        var errors = new Dictionary<string, string[]>();
        if (pageSize is < 1 or > 200)
        {
            errors["limit"] = ["Between 1 and 200."];
        }

        if (cursor is not null && !TryReadCursor(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this API returned; start again without one."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var project = await ProjectEndpoints.FindAsync(db, projectKey, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var query = db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id && t.Number > after);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(t => EF.Functions.ILike(t.Title, pattern, "\\"));
        }

        var tasks = await query.OrderBy(t => t.Number).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = tasks.Count > pageSize ? WriteCursor(tasks[pageSize - 1].Number) : null;
        return TypedResults.Ok(new TaskPage([.. tasks.Take(pageSize).Select(t => View(t, project.Key))], next));
    }

    public static async Task<Results<Ok<TaskView>, NotFound>> Get(string key, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await TaskKey.FindAsync(db, key, cancellationToken) is { } task ? TypedResults.Ok(View(task, task.Project!.Key)) : TypedResults.NotFound();

    /// <summary>All three estimates or none, none negative, optimistic ≤ most likely ≤ pessimistic.</summary>
    private static string? EstimateError(CreateTask request)
    {
        double?[] estimate = [request.OptimisticDays, request.MostLikelyDays, request.PessimisticDays];
        if (estimate.All(e => e is null))
        {
            return null;
        }

        if (estimate.Any(e => e is null or < 0 or > 10_000 || double.IsNaN(e.Value)))
        {
            return "Give optimisticDays, mostLikelyDays and pessimisticDays together, each between 0 and 10000 working days.";
        }

        return request.OptimisticDays <= request.MostLikelyDays && request.MostLikelyDays <= request.PessimisticDays
            ? null
            : "The estimate must satisfy optimisticDays ≤ mostLikelyDays ≤ pessimisticDays.";
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string WriteCursor(int lastNumber) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"n:{lastNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    private static bool TryReadCursor(string cursor, out int lastNumber)
    {
        lastNumber = 0;
        var bytes = new byte[cursor.Length];
        return Convert.TryFromBase64String(cursor, bytes, out var length)
            && System.Text.Encoding.UTF8.GetString(bytes, 0, length) is var text
            && text.StartsWith("n:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out lastNumber);
    }

    private static TaskView View(ProjectTask task, string projectKey) => new(
        task.Id, new TaskKey(projectKey, task.Number).ToString(), projectKey, task.Title, task.Description,
        task.OptimisticDays, task.MostLikelyDays, task.PessimisticDays, task.CreatedAt);
}
