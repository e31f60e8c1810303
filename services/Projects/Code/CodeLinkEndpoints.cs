using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Code;

public static class CodeLinkEndpoints
{
    public static IEndpointRouteBuilder MapCodeLinkEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _) = api.Tagged("Code");
        read.MapGet("/tasks/{key}/links", List)
            .WithName("ListTaskLinks")
            .WithSummary("The pull requests, commits and checks that name a task, with their CI checks")
            .WithDescription("Linked by the organization's GitHub, GitLab or other integrations when a branch, title, description or commit " +
                "message names the task's key; pull requests first, then newest first.");
        return api;
    }

    public static async Task<Results<Ok<TaskLinkView[]>, NotFound>> List(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var links = await db.Links.AsNoTracking().Where(l => l.TaskId == task.Id)
            .OrderBy(l => l.Kind == "pullRequest" ? 0 : 1).ThenByDescending(l => l.UpdatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(links.Select(TaskLinkView.Of).ToArray());
    }
}
