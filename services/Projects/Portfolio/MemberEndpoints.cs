using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public static async Task<Results<Ok<MemberView[]>, NotFound>> List(string key, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken) =>
        await ProjectMembers.ListAsync(db, projects, key, cancellationToken) is { } members ? TypedResults.Ok(members) : TypedResults.NotFound();

    /// <summary>Adds the user (<c>me</c>: the caller) or changes their role; a member (not lead) unless the body says so.</summary>
    public static async Task<Results<Ok<MemberView>, ValidationProblem, NotFound>> Put(
        string key, string userId, MemberInput? request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (UserIdOf(userId, user) is not { } member || request?.Role is { } role && !Enum.IsDefined(role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member"] = ["A user id (or me) and, optionally, a role: member or lead."] });
        }

        return await ProjectMembers.PutAsync(db, key, member, request?.Role, clock.GetUtcNow(), cancellationToken) is { } put
            ? TypedResults.Ok(new MemberView(put.UserId, put.Role, put.AddedAt))
            : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound>> Remove(string key, string userId, ClaimsPrincipal user, ProjectsDbContext db, CancellationToken cancellationToken) =>
        UserIdOf(userId, user) is { } member && await ProjectMembers.RemoveAsync(db, key, member, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Guid? UserIdOf(string userId, ClaimsPrincipal user) => Guid.TryParse(user.UserIdOrMe(userId), out var id) ? id : null;
}
