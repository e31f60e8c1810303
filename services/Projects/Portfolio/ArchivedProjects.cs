using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Portfolio;

/// <summary>Where a route finds the key of the project it changes.</summary>
public enum ProjectKeyIn
{
    /// <summary>The route value is the project's key (<c>/projects/{key}/...</c>).</summary>
    Project,

    /// <summary>The route value is one of its tasks' keys (<c>/tasks/{key}/...</c>).</summary>
    Task,
}

/// <summary>
/// An archived project is read-only: its tasks, their comments and its workflow are not changed until it is
/// unarchived. Routes that change them say so once (<see cref="RequireUnarchivedProject"/>); changes that do not come
/// through such a route (bulk updates, automation rules) meet the same rule in <see cref="TaskUpdates"/>.
/// </summary>
public static class ArchivedProjects
{
    public static ProblemHttpResult Problem(string projectKey) => TypedResults.Problem(
        title: "Project archived",
        detail: $"{projectKey} is archived and read-only; unarchive it to change its tasks.",
        statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// Answers 409 before the route runs when the project named by the route value <paramref name="routeValue"/> is
    /// archived; an unknown project is left to the route (its 404).
    /// </summary>
    public static RouteHandlerBuilder RequireUnarchivedProject(this RouteHandlerBuilder route, string routeValue, ProjectKeyIn keyIn) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var value = context.HttpContext.Request.RouteValues[routeValue]?.ToString();
            var projectKey = keyIn == ProjectKeyIn.Project ? value?.ToUpperInvariant() : TaskKey.Parse(value)?.ProjectKey;
            if (projectKey is not null)
            {
                var db = context.HttpContext.RequestServices.GetRequiredService<ProjectsDbContext>();
                var archived = await db.Projects.AsNoTracking().Where(p => p.Key == projectKey).Select(p => p.ArchivedAt != null)
                    .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
                if (archived)
                {
                    return Problem(projectKey);
                }
            }
            return await next(context);
        });
}
