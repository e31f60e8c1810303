using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

public sealed record CreateTask(string? Title, string? Description);

public sealed record TaskView(Guid Id, string Key, string ProjectKey, string Title, string Description, DateTimeOffset CreatedAt);

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
        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = ["A title of 1 to 500 characters is required."] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = projectKey.ToUpperInvariant();
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
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
            CreatedAt = clock.GetUtcNow(),
        };
        db.Tasks.Add(task);
        var view = View(task, project.Key);
        db.AddIntegrationEvent(new TaskCreated(task.Id, project.Id, view.Key, task.Title) { OrganizationId = task.OrganizationId, OccurredAt = task.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/tasks/{view.Key}", view);
    }

    public static async Task<Results<Ok<TaskView[]>, NotFound>> List(string projectKey, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        var key = projectKey.ToUpperInvariant();
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return TypedResults.Ok(tasks.Select(t => View(t, project.Key)).ToArray());
    }

    public static async Task<Results<Ok<TaskView>, NotFound>> Get(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        var dash = key.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(key.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return TypedResults.NotFound();
        }

        var projectKey = key[..dash].ToUpperInvariant();
        var task = await db.Tasks.AsNoTracking().Include(t => t.Project)
            .SingleOrDefaultAsync(t => t.Project!.Key == projectKey && t.Number == number, cancellationToken);
        return task is null ? TypedResults.NotFound() : TypedResults.Ok(View(task, projectKey));
    }

    private static TaskView View(ProjectTask task, string projectKey) =>
        new(task.Id, $"{projectKey}-{task.Number}", projectKey, task.Title, task.Description, task.CreatedAt);
}
