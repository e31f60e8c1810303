using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .WithName("UpdateProject").WithSummary("Change a project's name, description, calendar, archive flag or code-host moves (merge patch)")
            .WithDescription("pullRequestOpenedState and pullRequestMergedState name the workflow states a task moves to when a pull request " +
                "naming it opens, and when one that fixes it merges (null: the task stays where it is). New projects use In Review and Done.");
        write.MapDelete("/projects/{key}", Delete).WithName("DeleteProject").WithSummary("Delete a project with its workflow and tasks");
        return api;
    }

    /// <summary>A new project with the default workflow (backlog, todo, in progress, in review, done, cancelled) and its creator as lead.</summary>
    public static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> Create(
        ProjectInput request, HttpContext http, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var key = request.Key?.Trim().ToUpperInvariant() ?? "";
        var errors = request.Validate();
        foreach (var (field, problem) in request.ValidateStates([.. WorkflowState.Defaults.Select(s => s.Name)]))
        {
            errors[field] = problem;
        }

        if (!KeyPattern().IsMatch(key))
        {
            errors["key"] = ["2 to 10 letters or digits, starting with a letter (e.g. PLAT)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await catalog.CreateAsync(key, request, http.User.ActorId(), cancellationToken);
        if (created.Status == ProjectChangeStatus.KeyTaken)
        {
            return TypedResults.Problem(
                title: "Project key taken",
                detail: $"Another project of this organization already has the key {key}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        ETags.Write(http, created.Project!.Version);
        return TypedResults.Created($"/projects/{created.Project.Key}", ProjectView.Of(created.Project));
    }

    /// <summary>The organization's projects by key; archived ones only when asked for.</summary>
    public static async Task<Ok<ProjectView[]>> List(ProjectCatalog catalog, CancellationToken cancellationToken, bool includeArchived = false) =>
        TypedResults.Ok((await catalog.ListAsync(includeArchived, cancellationToken)).Select(ProjectView.Of).ToArray());

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
        string key, HttpContext http, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var (patch, unreadable) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var updated = await catalog.UpdateAsync(key, patch!, version => ETags.IfMatchHolds(http.Request, version), cancellationToken);
        switch (updated.Status)
        {
            case ProjectChangeStatus.NotFound:
                return TypedResults.NotFound();
            case ProjectChangeStatus.VersionChanged:
                return ETags.PreconditionFailed("project");
            case ProjectChangeStatus.Invalid:
                return TypedResults.ValidationProblem(updated.Errors!);
        }

        ETags.Write(http, updated.Project!.Version);
        return TypedResults.Ok(ProjectView.Of(updated.Project));
    }

    /// <summary>Deletes the project with its workflow and tasks (and their dependencies on tasks of other projects).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string key, HttpContext http, ProjectCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(key, version => ETags.IfMatchHolds(http.Request, version), cancellationToken) switch
        {
            ProjectChangeStatus.NotFound => TypedResults.NotFound(),
            ProjectChangeStatus.VersionChanged => ETags.PreconditionFailed("project"),
            _ => TypedResults.NoContent(),
        };

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex KeyPattern();
}
