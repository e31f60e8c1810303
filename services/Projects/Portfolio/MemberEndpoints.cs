using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Portfolio;

public sealed record MemberView(Guid UserId, MemberRole Role, DateTimeOffset AddedAt);

public sealed record MemberInput(MemberRole? Role);

public static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapMemberEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Members");
        read.MapGet("/projects/{key}/members", List).WithName("ListProjectMembers").WithSummary("The project's members and their roles");
        write.MapPut("/projects/{key}/members/{userId}", Put).WithName("PutProjectMember").WithSummary("Add a member (me: the caller) or change their role");
        write.MapDelete("/projects/{key}/members/{userId}", Remove).WithName("RemoveProjectMember").WithSummary("Remove a member from the project");
        return api;
    }

    public static async Task<Results<Ok<MemberView[]>, NotFound>> List(string key, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Members.AsNoTracking().Where(m => m.ProjectId == project.Id).OrderBy(m => m.AddedAt)
            .Select(m => new MemberView(m.UserId, m.Role, m.AddedAt)).ToArrayAsync(cancellationToken));
    }

    /// <summary>Adds the user (<c>me</c>: the caller) or changes their role; a member (not lead) unless the body says so.</summary>
    public static async Task<Results<Ok<MemberView>, ValidationProblem, NotFound>> Put(
        string key, string userId, MemberInput? request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (UserIdOf(userId, user) is not { } member || request?.Role is { } role && !Enum.IsDefined(role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member"] = ["A user id (or me) and, optionally, a role: member or lead."] });
        }

        if (await ProjectFinder.FindAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var existing = await db.Members.SingleOrDefaultAsync(m => m.ProjectId == project.Id && m.UserId == member, cancellationToken);
        if (existing is null)
        {
            db.Members.Add(existing = new ProjectMember { ProjectId = project.Id, UserId = member, OrganizationId = project.OrganizationId, AddedAt = clock.GetUtcNow() });
        }

        existing.Role = request?.Role ?? existing.Role;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MemberView(existing.UserId, existing.Role, existing.AddedAt));
    }

    public static async Task<Results<NoContent, NotFound>> Remove(string key, string userId, ClaimsPrincipal user, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (UserIdOf(userId, user) is not { } member || await ProjectFinder.FindAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var removed = await db.Members.Where(m => m.ProjectId == project.Id && m.UserId == member).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static Guid? UserIdOf(string userId, ClaimsPrincipal user) => Guid.TryParse(user.UserIdOrMe(userId), out var id) ? id : null;
}
