using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.Me;

public sealed record MembershipView(Guid OrganizationId, string Slug, string Name, string Role);

public sealed record MeResponse(Guid Id, string? Email, string DisplayName, Guid OrganizationId, string Role, IReadOnlyList<MembershipView> Memberships);

/// <summary>Who the token belongs to, the organization it acts in, and every organization the user may switch to.</summary>
public static class MeEndpoint
{
    public static async Task<Results<Ok<MeResponse>, NotFound>> Handle(ClaimsPrincipal principal, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var userId = principal.UserId();
        var organizationId = principal.OrganizationId();
        var user = await database.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var memberships = await database.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(database.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.OrganizationId, o.Slug, o.Name, m.Role, m.CreatedAt })
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(new MeResponse(
            user.Id,
            user.Email,
            user.DisplayName,
            organizationId,
            principal.FindFirstValue(PlatformClaimTypes.Role) ?? "",
            [.. memberships.Select(m => new MembershipView(m.OrganizationId, m.Slug, m.Name, TokenPrincipal.RoleName(m.Role)))]));
    }
}
