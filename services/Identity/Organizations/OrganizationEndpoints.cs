using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Tokens;
using Platform.Identity.Users;

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
    public static async Task<Results<Ok<OrganizationView>, NotFound>> Get(Guid id, ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        if (id != caller.OrganizationId())
        {
            return TypedResults.NotFound();
        }

        var organization = await database.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organization is null ? TypedResults.NotFound() : TypedResults.Ok(View(organization));
    }

    /// <summary>The caller founds another organization and owns it; a token for it comes from signing in with <c>organization</c>.</summary>
    public static async Task<Results<Created<OrganizationView>, ValidationProblem>> Create(
        CreateOrganizationRequest request, ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || OrganizationSlug.From(request.Name).Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name of at most 200 characters, with letters or digits, is required."] });
        }

        var organization = new Organization { Name = request.Name.Trim(), Slug = await OrganizationSlug.UniqueAsync(database, request.Name, cancellationToken) };
        database.Organizations.Add(organization);
        database.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = caller.UserId(), Role = OrganizationRole.Owner });
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (OrganizationSlug.WasTaken(e))
        {
            // Another organization of that name was founded between the check and the insert.
            organization.Slug = OrganizationSlug.WithSuffix(organization.Slug);
            await database.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Created($"/organizations/{organization.Id}", View(organization));
    }

    public static async Task<Ok<MemberView[]>> ListMembers(ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var organizationId = caller.OrganizationId();
        var members = await database.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId)
            .Join(database.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, u.DisplayName, m.Role, m.CreatedAt })
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(members.Select(m => new MemberView(m.UserId, m.Email, m.DisplayName, TokenPrincipal.RoleName(m.Role), m.CreatedAt)).ToArray());
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> ChangeRole(
        Guid userId, ChangeRoleRequest request, ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        if (OrganizationRoles.ParseRole(request.Role) is not { } role)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [OrganizationRoles.RoleRequirement] });
        }

        var membership = await FindMemberAsync(caller, userId, database, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        if (!caller.MayGrant(role) || !caller.MayGrant(membership.Role))
        {
            return TypedResults.Forbid();
        }

        if (membership.Role == OrganizationRole.Owner && role != OrganizationRole.Owner && await IsLastOwnerAsync(membership, database, cancellationToken))
        {
            return Problem(StatusCodes.Status409Conflict, "An organization keeps at least one owner.");
        }

        membership.Role = role;
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ForbidHttpResult>> RemoveMember(
        Guid userId, ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var membership = await FindMemberAsync(caller, userId, database, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        // Anyone may leave (account scope, or administration); removing someone else takes administration and the right to grant their role.
        if (userId != caller.UserId() && (!caller.HasScope(PlatformScopes.OrganizationAdmin) || !caller.MayGrant(membership.Role)))
        {
            return TypedResults.Forbid();
        }

        if (membership.Role == OrganizationRole.Owner && await IsLastOwnerAsync(membership, database, cancellationToken))
        {
            return Problem(StatusCodes.Status409Conflict, "An organization keeps at least one owner.");
        }

        database.Memberships.Remove(membership);
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Membership?> FindMemberAsync(ClaimsPrincipal caller, Guid userId, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var organizationId = caller.OrganizationId();
        return database.Memberships.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
    }

    private static async Task<bool> IsLastOwnerAsync(Membership membership, IdentityDataContext database, CancellationToken cancellationToken) =>
        !await database.Memberships.AnyAsync(
            m => m.OrganizationId == membership.OrganizationId && m.Role == OrganizationRole.Owner && m.UserId != membership.UserId, cancellationToken);

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    private static OrganizationView View(Organization organization) => new(organization.Id, organization.Slug, organization.Name, organization.CreatedAt);
}
