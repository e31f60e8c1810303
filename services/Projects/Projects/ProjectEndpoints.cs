using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Data;
using Platform.Projects.Data;

namespace Platform.Projects.Projects;

public sealed record CreateProject(string? Key, string? Name, string? Description);

public sealed record ProjectView(Guid Id, string Key, string Name, string Description, DateTimeOffset CreatedAt)
{
    public static ProjectView Of(Project project) => new(project.Id, project.Key, project.Name, project.Description, project.CreatedAt);
}

public static partial class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects", Create).RequireAuthorization(ProjectsPolicies.Write);
        api.MapGet("/projects", List).RequireAuthorization(ProjectsPolicies.Read);
        api.MapGet("/projects/{key}", Get).RequireAuthorization(ProjectsPolicies.Read);
        return api;
    }

    public static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateProject request, ProjectsDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var key = request.Key?.Trim().ToUpperInvariant() ?? "";
        if (!KeyPattern().IsMatch(key))
        {
            errors["key"] = ["2 to 10 letters or digits, starting with a letter (e.g. PLAT)."];
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            Key = key,
            Name = name,
            Description = request.Description?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow(),
        };
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(
                title: "Project key taken",
                detail: $"Another project of this organization already has the key {key}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Created($"/projects/{project.Key}", ProjectView.Of(project));
    }

    public static async Task<Ok<ProjectView[]>> List(ProjectsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Projects.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken)).Select(ProjectView.Of).ToArray());

    public static async Task<Results<Ok<ProjectView>, NotFound>> Get(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        return await FindAsync(db, key, cancellationToken) is { } project
            ? TypedResults.Ok(ProjectView.Of(project))
            : TypedResults.NotFound();
    }

    /// <summary>The caller's organization's project with this key (any case), or null; read-only.</summary>
    public static async Task<Project?> FindAsync(ProjectsDbContext db, string key, CancellationToken cancellationToken)
    {
        var projectKey = key.ToUpperInvariant();
        return await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex KeyPattern();
}
