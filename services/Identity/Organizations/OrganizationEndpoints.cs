using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.Organizations;

public sealed record OrganizationView(Guid Id, string Slug, string Name, DateTimeOffset CreatedAt);

public sealed record CreateOrganizationRequest(string? Name);

public sealed record MemberView(Guid UserId, string? Email, string DisplayName, string Role, DateTimeOffset Since);

public sealed record ChangeRoleRequest(string? Role);

/// <summary>
/// Organizations and their members. A token acts in one organization: everything here is about that
/// one, and any other organization's id answers 404, exactly like an id that does not exist.
/// </summary>
public static class OrganizationEndpoints
{
    public static async Task<Results<Ok<OrganizationView>, NotFound>> Get(Guid id, ClaimsPrincipal caller, OrganizationRegistry organizations, CancellationToken cancellationToken)
    {
        if (id != caller.OrganizationId())
        {
            return TypedResults.NotFound();
        }

        var organization = await organizations.FindAsync(id, cancellationToken);
        return organization is null ? TypedResults.NotFound() : TypedResults.Ok(View(organization));
    }

    /// <summary>The caller founds another organization and owns it; a token for it comes from signing in with <c>organization</c>.</summary>
    public static async Task<Results<Created<OrganizationView>, ValidationProblem>> Create(
        CreateOrganizationRequest request, ClaimsPrincipal caller, OrganizationRegistry organizations, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || OrganizationSlug.From(request.Name).Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name of at most 200 characters, with letters or digits, is required."] });
        }

        var organization = await organizations.FoundAsync(request.Name, caller.UserId(), cancellationToken);
        return TypedResults.Created($"/organizations/{organization.Id}", View(organization));
    }

    public static async Task<Ok<MemberView[]>> ListMembers(ClaimsPrincipal caller, OrganizationMembers members, CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ListAsync(caller.OrganizationId(), cancellationToken));

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> ChangeRole(
        Guid userId, ChangeRoleRequest request, ClaimsPrincipal caller, OrganizationMembers members, CancellationToken cancellationToken)
    {
        if (OrganizationRoles.ParseRole(request.Role) is not { } role)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [OrganizationRoles.RoleRequirement] });
        }

        var membership = await members.FindAsync(caller.OrganizationId(), userId, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        if (!caller.MayGrant(role) || !caller.MayGrant(membership.Role))
        {
            return TypedResults.Forbid();
        }

        return await members.ChangeRoleAsync(membership, role, cancellationToken) ? TypedResults.NoContent() : LastOwner();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ForbidHttpResult>> RemoveMember(
        Guid userId, ClaimsPrincipal caller, OrganizationMembers members, CancellationToken cancellationToken)
    {
        var membership = await members.FindAsync(caller.OrganizationId(), userId, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        // Anyone may leave (account scope, or administration); removing someone else takes administration and the right to grant their role.
        if (userId != caller.UserId() && (!caller.HasScope(PlatformScopes.OrganizationAdmin) || !caller.MayGrant(membership.Role)))
        {
            return TypedResults.Forbid();
        }

        return await members.RemoveAsync(membership, cancellationToken) ? TypedResults.NoContent() : LastOwner();
    }

    private static ProblemHttpResult LastOwner() => TypedResults.Problem("An organization keeps at least one owner.", statusCode: StatusCodes.Status409Conflict);

    private static OrganizationView View(Organization organization) => new(organization.Id, organization.Slug, organization.Name, organization.CreatedAt);
}
