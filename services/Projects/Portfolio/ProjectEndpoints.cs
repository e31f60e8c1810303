using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Portfolio;

public static partial class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Projects");
        write.MapPost("/projects", Create).WithIdempotency<ProjectInput>()
            .WithName("CreateProject").WithSummary("Create a project with the default workflow, its creator as lead");
        read.MapGet("/projects", List).WithName("ListProjects").WithSummary("The organization's projects by key");
        read.MapGet("/projects/{key}", Get).WithName("GetProject").WithSummary("A project, with its ETag");
        write.MapPatch("/projects/{key}", Update).Accepts<ProjectInput>("application/merge-patch+json", "application/json")
            .WithName("UpdateProject").WithSummary("Change a project's name, description, calendar or archive flag (merge patch)");
        write.MapDelete("/projects/{key}", Delete).WithName("DeleteProject").WithSummary("Delete a project with its workflow and tasks");
        return api;
    }

    /// <summary>A new project with the default workflow (backlog, todo, in progress, in review, done, cancelled) and its creator as lead.</summary>
    public static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> Create(
        ProjectInput request, HttpContext http, ProjectsDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = request.Key?.Trim().ToUpperInvariant() ?? "";
        var errors = request.Validate();
        if (!KeyPattern().IsMatch(key))
        {
            errors["key"] = ["2 to 10 letters or digits, starting with a letter (e.g. PLAT)."];
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
            Name = "",
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(project, request, project.CreatedAt);
        db.Projects.Add(project);
        db.States.AddRange(WorkflowState.Defaults.Select((state, position) => new WorkflowState
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Name = state.Name,
            Category = state.Category,
            Position = position,
        }));
        if (Guid.TryParse(http.User.ActorId(), out var creator))
        {
            db.Members.Add(new ProjectMember { ProjectId = project.Id, UserId = creator, OrganizationId = project.OrganizationId, Role = MemberRole.Lead, AddedAt = project.CreatedAt });
        }

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

        ETags.Write(http, project.Version);
        return TypedResults.Created($"/projects/{project.Key}", ProjectView.Of(project));
    }

    /// <summary>The organization's projects by key; archived ones only when asked for.</summary>
    public static async Task<Ok<ProjectView[]>> List(ProjectsDbContext db, CancellationToken cancellationToken, bool includeArchived = false) =>
        TypedResults.Ok((await db.Projects.AsNoTracking().Where(p => includeArchived || p.ArchivedAt == null).OrderBy(p => p.Key)
            .ToListAsync(cancellationToken)).Select(ProjectView.Of).ToArray());

    public static async Task<Results<Ok<ProjectView>, NotFound>> Get(string key, HttpContext http, ProjectCache projects, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        ETags.Write(http, project.Version);
        return TypedResults.Ok(ProjectView.Of(project));
    }

    /// <summary>A JSON merge patch of the project's name, description, archive flag and calendar; honours <c>If-Match</c>.</summary>
    public static async Task<Results<Ok<ProjectView>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        string key, HttpContext http, ProjectsDbContext db, ProjectCache projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (patch, unreadable) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        if (!ETags.IfMatchHolds(http.Request, project.Version))
        {
            return ETags.PreconditionFailed("project");
        }

        if (!JsonBody.TryPatch<ProjectInput>(ProjectView.Of(project), patch!, ProjectInput.SettableFields, out var input, out var fieldErrors))
        {
            return TypedResults.ValidationProblem(fieldErrors);
        }

        if (input.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Apply(project, input, clock.GetUtcNow());
        db.AddIntegrationEvent(new ProjectChanged(project.Id, project.Key, Deleted: false) { OrganizationId = project.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        await projects.ForgetAsync(project.OrganizationId, project.Key, cancellationToken);
        ETags.Write(http, project.Version);
        return TypedResults.Ok(ProjectView.Of(project));
    }

    /// <summary>Deletes the project with its workflow and tasks (and their dependencies on tasks of other projects).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, HttpContext http, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        if (!ETags.IfMatchHolds(http.Request, project.Version))
        {
            return ETags.PreconditionFailed("project");
        }

        db.Projects.Remove(project);
        db.AddIntegrationEvent(new ProjectChanged(project.Id, project.Key, Deleted: true) { OrganizationId = project.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        await projects.ForgetAsync(project.OrganizationId, project.Key, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Puts validated input on the project; no working days means Monday to Friday.</summary>
    private static void Apply(Project project, ProjectInput input, DateTimeOffset now)
    {
        project.Name = input.Name!.Trim();
        project.Description = input.Description ?? "";
        project.StartDate = input.StartDate;
        project.WorkingDays = input.WorkingDays is { } days ? [.. days] : [.. Project.DefaultWorkingDays];
        project.Holidays = [.. (input.Holidays ?? []).Distinct().Order()];
        project.ArchivedAt = input.Archived is true ? project.ArchivedAt ?? now : null;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex KeyPattern();
}
